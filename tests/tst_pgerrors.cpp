// SPDX-License-Identifier: GPL-3.0-or-later
// Error classes from libpq messages as they appear in the lab report and in captures from the lab.
#include "pgerrors.h"

#include <QTest>

using ErrorClass = OperationRecord::ErrorClass;

class TestPgErrors : public QObject
{
    Q_OBJECT
private slots:
    void classify_data()
    {
        QTest::addColumn<QString>("sqlState");
        QTest::addColumn<QString>("message");
        QTest::addColumn<bool>("broken");
        QTest::addColumn<int>("expected");
        // The lab report, leader stop and HAProxy stop:
        QTest::newRow("report: server closed") << QString() << QStringLiteral(
            "server closed the connection unexpectedly This probably means the server terminated abnormally before or while processing the request.")
                                               << true << int(ErrorClass::ConnectionLost);
        QTest::newRow("report: refused") << QString() << QStringLiteral(
            "connection to server at \"localhost\" (127.0.0.1), port 5500 failed: Connection refused Is the server running on that host and accepting TCP/IP connections?")
                                         << true << int(ErrorClass::ConnectionRefused);
        QTest::newRow("report: session is read-only") << QString()
                                                      << QStringLiteral("connection to server at \"localhost\" (::1), port 5500 failed: session is read-only")
                                                      << true << int(ErrorClass::ReadOnly);
        QTest::newRow("25006 insert on a replica") << QStringLiteral("25006")
                                                   << QStringLiteral("ERROR: cannot execute INSERT in a read-only transaction") << false
                                                   << int(ErrorClass::ReadOnly);
        QTest::newRow("57P01 admin shutdown") << QStringLiteral("57P01")
                                              << QStringLiteral("FATAL: terminating connection due to administrator command") << true
                                              << int(ErrorClass::ShuttingDown);
        QTest::newRow("57P03 shutting down at connect") << QString()
                                                        << QStringLiteral("connection to server at \"127.0.0.1\", port 5500 failed: FATAL: the database system is shutting down")
                                                        << true << int(ErrorClass::ShuttingDown);
        QTest::newRow("57P03 starting up") << QStringLiteral("57P03") << QStringLiteral("FATAL: the database system is starting up")
                                           << true << int(ErrorClass::ShuttingDown);
        QTest::newRow("wrong password") << QString()
                                        << QStringLiteral("connection to server at \"127.0.0.1\", port 5500 failed: FATAL: password authentication failed for user \"postgres\"")
                                        << true << int(ErrorClass::Authentication);
        QTest::newRow("broken without text") << QString() << QString() << true << int(ErrorClass::ConnectionLost);
        QTest::newRow("unique violation") << QStringLiteral("23505") << QStringLiteral("ERROR: duplicate key value violates unique constraint")
                                          << false << int(ErrorClass::Other);
    }
    void classify()
    {
        QFETCH(QString, sqlState);
        QFETCH(QString, message);
        QFETCH(bool, broken);
        QFETCH(int, expected);
        QCOMPARE(int(PgErrors::classify(sqlState, message, broken)), expected);
    }
};

QTEST_APPLESS_MAIN(TestPgErrors)
#include "tst_pgerrors.moc"
