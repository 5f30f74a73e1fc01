// SPDX-License-Identifier: GPL-3.0-or-later
#include "membertablemodel.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QSignalSpy>
#include <QTest>

using TestSupport::fixture;

namespace {

QList<MemberState> members(const QString& clusterFile, bool withNodes = false, const QString& leader = QStringLiteral("patroni1"))
{
    QHash<QString, PatroniNodeStatus> nodes;
    if (withNodes) {
        const QString folder = clusterFile.section(u'/', 0, 0);
        nodes.insert(leader, PatroniApi::parseNodeStatus(fixture(folder + QStringLiteral("/patroni-leader.json"))).value());
    }
    if (withNodes && clusterFile.startsWith(QLatin1StringView("lab-patroni-4.0"))) {
        nodes.insert(QStringLiteral("patroni2"), PatroniApi::parseNodeStatus(fixture(QStringLiteral("lab-patroni-4.0/patroni-replica.json"))).value());
    }
    return buildMemberStates(PatroniApi::parseCluster(fixture(clusterFile)).value(), nodes, {});
}

} // namespace

class TestMemberTableModel : public QObject
{
    Q_OBJECT
private slots:
    void patronictlColumns()
    {
        MemberTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QStringList headers;
        for (int column = 0; column < model.columnCount(); ++column) {
            headers << model.headerData(column, Qt::Horizontal).toString();
        }
        QCOMPARE(headers.join(QStringLiteral(" | ")),
                 QStringLiteral("Member | Host | Role | State | TL | Receive LSN | Lag | Replay LSN | Lag"));
        model.setMembers(members(QStringLiteral("lab-patroni-4.0/cluster-healthy.json"), true));
        QCOMPARE(model.rowCount(), 3);
        const auto cell = [&model](int row, int column) { return model.index(row, column).data().toString(); };
        QCOMPARE(cell(0, MemberTableModel::MemberColumn), QStringLiteral("patroni1"));
        QCOMPARE(cell(0, MemberTableModel::RoleColumn), QStringLiteral("Leader"));
        QCOMPARE(cell(0, MemberTableModel::ReceiveLsnColumn), QString());
        QCOMPARE(cell(1, MemberTableModel::StateColumn), QStringLiteral("streaming"));
        QCOMPARE(cell(1, MemberTableModel::TimelineColumn), QStringLiteral("1"));
        QCOMPARE(cell(1, MemberTableModel::ReceiveLsnColumn), QStringLiteral("0/4000060"));
        QCOMPARE(cell(1, MemberTableModel::ReceiveLagColumn), QStringLiteral("0"));
        QVERIFY(model.index(0, 0).data(Qt::FontRole).value<QFont>().bold());
        QVERIFY(model.index(0, 0).data(MemberTableModel::IsLeaderRole).toBool());
        QVERIFY(!model.index(1, 0).data(MemberTableModel::IsLeaderRole).toBool());
        QVERIFY(!model.index(99, 0).data().isValid());
    }

    // Patroni 3.0.2 says "running" for a streaming replica; the tooltip says whether it streams.
    void patroni30StateTooltip()
    {
        MemberTableModel model;
        model.setMembers(members(QStringLiteral("bookworm-patroni-3.0/cluster-healthy.json"), true, QStringLiteral("patroni2")));
        const auto tip = [&model](int row) { return model.index(row, MemberTableModel::StateColumn).data(Qt::ToolTipRole).toString(); };
        QCOMPARE(model.index(0, MemberTableModel::StateColumn).data().toString(), QStringLiteral("running"));
        QCOMPARE(tip(0), QStringLiteral("Receives WAL from the leader (streaming)"));
        QCOMPARE(tip(1), QStringLiteral("Patroni 3.0.2, container ")); // the leader
        // Without the leader's /patroni nothing shows that WAL arrives.
        model.setMembers(members(QStringLiteral("bookworm-patroni-3.0/cluster-healthy.json")));
        QCOMPARE(tip(0), QStringLiteral("Does not receive WAL from the leader now (not streaming)"));
    }

    // A failover changes cells in place (views keep their selection); a member leaving resets the rows.
    void updatesFollowTheCluster()
    {
        MemberTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setMembers(members(QStringLiteral("lab-patroni-4.0/cluster-healthy.json")));
        QSignalSpy changed(&model, &MemberTableModel::dataChanged);
        QSignalSpy reset(&model, &MemberTableModel::modelReset);
        model.setMembers(members(QStringLiteral("lab-patroni-4.0/cluster-after-leader-stop.json")));
        QCOMPARE(reset.size(), 0);
        QCOMPARE(changed.size(), 3); // all three rows changed role, state or timeline
        QCOMPARE(model.index(0, MemberTableModel::StateColumn).data().toString(), QStringLiteral("stopped"));
        QCOMPARE(model.index(0, MemberTableModel::ReceiveLsnColumn).data().toString(), QStringLiteral("unknown"));
        QCOMPARE(model.index(2, MemberTableModel::RoleColumn).data().toString(), QStringLiteral("Leader"));
        model.setMembers(members(QStringLiteral("lab-patroni-4.0/cluster-after-leader-stop.json")));
        QCOMPARE(changed.size(), 3); // nothing new, nothing signalled

        model.setMembers(members(QStringLiteral("bookworm-patroni-3.0/cluster-after-leader-stop-40s.json")));
        QCOMPARE(reset.size(), 1);
        QCOMPARE(model.rowCount(), 2);
        model.setMembers({});
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TestMemberTableModel)
#include "tst_membertablemodel.moc"
