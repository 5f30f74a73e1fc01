// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clirequest.h"
#include "labstatus.h"

#include <QObject>

class QTextStream;

// Runs one `patroni-lab-cli` request on the event loop and reports its exit code through finished().
class LabCommands final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LabCommands)
public:
    LabCommands(CliRequest request, QTextStream& out, QTextStream& err, QObject* parent = nullptr);

    void start();
    static QString renderStatus(const LabStatus& status);

signals:
    void finished(int exitCode);

private:
    void runLabUpOrDown(bool up);
    void runLabStatus();

    CliRequest m_request;
    QTextStream& m_out;
    QTextStream& m_err;
};
