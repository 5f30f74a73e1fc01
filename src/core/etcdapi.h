// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

// GET /health of one etcd member: 200 {"health":"true"}; 503 {"health":"false","reason":"..."} when the member
// has no raft leader (quorum lost) or alarms.
struct EtcdHealth
{
    bool healthy = false;
    QString reason;
};

namespace EtcdApi {

Result<EtcdHealth> parseHealth(const QByteArray& json);

} // namespace EtcdApi
