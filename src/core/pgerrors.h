// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "runrecords.h"

#include <QString>

namespace PgErrors {

// Which kind of failure a libpq error is. Connection-level errors carry no SQLSTATE, so the message text decides;
// libpq's messages are English whatever the locale because the lab's client never sets lc_messages.
OperationRecord::ErrorClass classify(const QString& sqlState, const QString& message, bool connectionBroken);

} // namespace PgErrors
