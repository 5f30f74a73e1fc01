// SPDX-License-Identifier: GPL-3.0-or-later
// The node menu's faults inside a container: which it offers where, the dialogs that ask for their parameters (what
// they refuse and why), and the request faultRequested carries. No docker: contexts and peers are built by hand.
#include "nodeactionmenu.h"
#include "nodefaultdialogs.h"

#include <QApplication>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QTimer>

namespace {

using Component = ContainerInfo::Component;
using State = ContainerInfo::State;

QList<FaultPeer> peers()
{
    return {
        {QStringLiteral("etcd1"), QStringLiteral("demo-etcd1"), Component::Etcd, QStringLiteral("172.30.55.11")},
        {QStringLiteral("etcd2"), QStringLiteral("demo-etcd2"), Component::Etcd, QStringLiteral("172.30.55.12")},
        {QStringLiteral("etcd3"), QStringLiteral("demo-etcd3"), Component::Etcd, QString()}, // stopped, no address
        {QStringLiteral("haproxy"), QStringLiteral("demo-haproxy"), Component::Haproxy, QStringLiteral("172.30.55.2")},
        {QStringLiteral("patroni2"), QStringLiteral("demo-patroni2"), Component::Patroni, QStringLiteral("172.30.55.22")},
        {QStringLiteral("patroni3"), QStringLiteral("demo-patroni3"), Component::Patroni, QStringLiteral("172.30.55.23")},
    };
}

NodeMenuContext context(const QString& container, Component component, std::optional<State> state)
{
    NodeMenuContext result;
    result.container = container;
    result.component = component;
    result.containerState = state;
    result.cutOff = false;
    result.network = QStringLiteral("demo_lab");
    result.peers = peers();
    return result;
}

NodeActionRequest base(NodeAction action)
{
    NodeActionRequest request;
    request.action = action;
    request.container = QStringLiteral("demo-patroni1");
    return request;
}

QLabel* errorLabel(const QDialog& dialog)
{
    return dialog.findChild<QLabel*>(QStringLiteral("errorLabel"));
}

// Runs `fill` on the modal dialog the menu opens once the event loop gets to it, then presses OK.
void answerNextDialog(const std::function<void(FaultDialog*)>& fill)
{
    QTimer::singleShot(0, [fill] {
        auto* dialog = qobject_cast<FaultDialog*>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        fill(dialog);
        QVERIFY(dialog->okButton()->isEnabled());
        dialog->okButton()->click();
    });
}

} // namespace

class TestNodeActionMenu : public QObject
{
    Q_OBJECT
private slots:
    void offersTheFaultsThatApply_data()
    {
        QTest::addColumn<QString>("container");
        QTest::addColumn<int>("component");
        QTest::addColumn<int>("state");     // -1: not observed yet
        QTest::addColumn<QStringList>("enabled"); // in the "Inside the container" submenu, in its order
        QTest::addColumn<QStringList>("absent");

        const QStringList everything{QStringLiteral("impair"),        QStringLiteral("clear"),
                                     QStringLiteral("partition"),     QStringLiteral("unpartition"),
                                     QStringLiteral("kill-postgres"), QStringLiteral("freeze-postgres"),
                                     QStringLiteral("thaw-postgres"), QStringLiteral("kill-patroni"),
                                     QStringLiteral("limit-cpu"),     QStringLiteral("limit-memory"),
                                     QStringLiteral("unlimit")};
        const QStringList postgres{QStringLiteral("kill-postgres"), QStringLiteral("freeze-postgres"),
                                   QStringLiteral("thaw-postgres"), QStringLiteral("kill-patroni")};
        QStringList notPostgres = everything;
        for (const QString& name : postgres) {
            notPostgres.removeAll(name);
        }
        QTest::newRow("Patroni node running") << QStringLiteral("demo-patroni1") << int(Component::Patroni)
                                              << int(State::Running) << everything << QStringList();
        QTest::newRow("Patroni node not observed yet") << QStringLiteral("demo-patroni1") << int(Component::Patroni)
                                                       << -1 << everything << QStringList();
        QTest::newRow("etcd running") << QStringLiteral("demo-etcd1") << int(Component::Etcd) << int(State::Running)
                                      << notPostgres << postgres;
        QTest::newRow("HAProxy running") << QStringLiteral("demo-haproxy") << int(Component::Haproxy)
                                         << int(State::Running) << notPostgres << postgres;
        QTest::newRow("Patroni node stopped") << QStringLiteral("demo-patroni1") << int(Component::Patroni)
                                              << int(State::Exited) << QStringList() << QStringList();
        QTest::newRow("etcd paused") << QStringLiteral("demo-etcd1") << int(Component::Etcd) << int(State::Paused)
                                     << QStringList() << postgres;
    }
    void offersTheFaultsThatApply()
    {
        QFETCH(QString, container);
        QFETCH(int, component);
        QFETCH(int, state);
        QFETCH(QStringList, enabled);
        QFETCH(QStringList, absent);
        const NodeMenuContext menuContext = context(container, Component(component),
                                                    state < 0 ? std::nullopt : std::optional<State>(State(state)));
        NodeActionMenu menu(menuContext);
        QVERIFY(menu.insideMenu());
        QCOMPARE(menu.insideMenu()->title(), QStringLiteral("Inside the container"));

        const QStringList names = NodeActions::names();
        QStringList shownEnabled;
        QStringList shown;
        for (QAction* item : menu.insideMenu()->actions()) {
            if (item->isSeparator()) {
                continue;
            }
            const auto action = std::find_if(names.cbegin(), names.cend(), [&](const QString& name) {
                return menu.actionFor(*NodeActions::fromName(name)) == item;
            });
            QVERIFY2(action != names.cend(), qPrintable(item->text()));
            shown << *action;
            if (item->isEnabled()) {
                shownEnabled << *action;
            }
            QVERIFY2(!item->toolTip().isEmpty(), qPrintable(item->text()));
        }
        QCOMPARE(shownEnabled, enabled);
        for (const QString& name : absent) {
            QVERIFY2(!shown.contains(name), qPrintable(name));
            QVERIFY(!menuContext.applies(*NodeActions::fromName(name)));
        }
        // The whole-container actions are still there, before the submenu.
        QVERIFY(menu.actionFor(NodeAction::Stop));
        QVERIFY(menu.actions().indexOf(menu.actionFor(NodeAction::Connect))
                < menu.actions().indexOf(menu.insideMenu()->menuAction()));
    }

    void partitionNeedsAPeerWithAnAddress()
    {
        NodeMenuContext menuContext = context(QStringLiteral("demo-patroni1"), Component::Patroni, State::Running);
        menuContext.peers = {peers().at(2)}; // etcd3 only, which has none
        QVERIFY(!menuContext.applies(NodeAction::Partition));
        menuContext.peers.clear(); // the cluster is not known
        QVERIFY(!menuContext.applies(NodeAction::Partition));
        QVERIFY(menuContext.applies(NodeAction::Impair));
    }

    void impairmentDialog()
    {
        ImpairmentDialog dialog(base(NodeAction::Impair));
        // Opens with a plain delay: valid at once.
        QVERIFY(dialog.okButton()->isEnabled());
        QCOMPARE(dialog.impairment(), (QStringList{QStringLiteral("delay"), QStringLiteral("100")}));

        dialog.delayBox()->setValue(0);
        QVERIFY(!dialog.okButton()->isEnabled());
        QVERIFY(errorLabel(dialog)->text().contains(QStringLiteral("at least one")));
        QVERIFY(!errorLabel(dialog)->isHidden());

        dialog.jitterBox()->setValue(20);
        QVERIFY(!dialog.okButton()->isEnabled());
        QCOMPARE(dialog.error(), QStringLiteral("A jitter needs a delay: set the delay as well."));

        dialog.delayBox()->setValue(100);
        dialog.rateBox()->setValue(4); // netem's floor is 8 kbit/s (NodeFaults::impairmentError)
        QVERIFY(!dialog.okButton()->isEnabled());
        QVERIFY2(dialog.error().contains(QStringLiteral("rate")), qPrintable(dialog.error()));
        QCOMPARE(errorLabel(dialog)->text(), dialog.error());

        dialog.rateBox()->setValue(256);
        dialog.lossBox()->setValue(5);
        dialog.corruptBox()->setValue(0.5);
        QVERIFY(dialog.okButton()->isEnabled());
        QVERIFY(dialog.error().isEmpty());
        QVERIFY(errorLabel(dialog)->isHidden());
        const NodeActionRequest request = dialog.request();
        QCOMPARE(request.action, NodeAction::Impair);
        QCOMPARE(request.container, QStringLiteral("demo-patroni1"));
        QCOMPARE(request.impairment,
                 (QStringList{QStringLiteral("delay"), QStringLiteral("100"), QStringLiteral("20"), QStringLiteral("loss"),
                              QStringLiteral("5"), QStringLiteral("corrupt"), QStringLiteral("0.5"), QStringLiteral("rate"),
                              QStringLiteral("256")}));
    }

    void partitionDialog()
    {
        PartitionDialog dialog(base(NodeAction::Partition), peers());
        QCOMPARE(dialog.peerList()->count(), 6);
        // Nothing chosen yet.
        QVERIFY(!dialog.okButton()->isEnabled());
        QVERIFY(!dialog.error().isEmpty());
        // A peer with no address cannot be chosen and says why.
        QListWidgetItem* etcd3 = dialog.peerList()->item(2);
        QVERIFY(!(etcd3->flags() & Qt::ItemIsEnabled));
        QVERIFY2(etcd3->text().contains(QStringLiteral("no address")), qPrintable(etcd3->text()));

        dialog.chooseButton(Component::Etcd)->click();
        QVERIFY(dialog.okButton()->isEnabled());
        QCOMPARE(dialog.request().peers,
                 (QStringList{QStringLiteral("etcd1=172.30.55.11"), QStringLiteral("etcd2=172.30.55.12")}));
        dialog.chooseButton(Component::Haproxy)->click();
        dialog.peerList()->item(0)->setCheckState(Qt::Unchecked);
        QCOMPARE(dialog.peers(), (QStringList{QStringLiteral("etcd2=172.30.55.12"), QStringLiteral("haproxy=172.30.55.2")}));
        dialog.chooseButton(Component::Patroni)->click();
        QCOMPARE(dialog.peers().size(), 4);
        QCOMPARE(dialog.request().action, NodeAction::Partition);
    }

    void resourceLimitDialogs()
    {
        ResourceLimitDialog cpu(base(NodeAction::LimitCpu));
        QVERIFY(!cpu.memoryBox());
        cpu.cpusBox()->setValue(0);
        QVERIFY(!cpu.okButton()->isEnabled());
        QVERIFY2(cpu.error().contains(QStringLiteral("0.01")), qPrintable(cpu.error()));
        cpu.cpusBox()->setValue(0.2);
        QVERIFY(cpu.okButton()->isEnabled());
        QCOMPARE(cpu.request().cpus, 0.2);
        QCOMPARE(cpu.request().action, NodeAction::LimitCpu);

        ResourceLimitDialog memory(base(NodeAction::LimitMemory));
        QVERIFY(!memory.cpusBox());
        memory.memoryBox()->setValue(3);
        QVERIFY(!memory.okButton()->isEnabled());
        QVERIFY2(memory.error().contains(QStringLiteral("6m")), qPrintable(memory.error()));
        memory.memoryBox()->setValue(96);
        QVERIFY(memory.okButton()->isEnabled());
        QCOMPARE(memory.request().memoryBytes, qint64(96) * 1024 * 1024);
    }

    // The menu's entries end in faultRequested with exactly what the dialog says; a cancelled dialog asks nothing.
    void menuEmitsTheWholeRequest()
    {
        NodeActionMenu menu(context(QStringLiteral("demo-patroni1"), Component::Patroni, State::Running));
        QSignalSpy faults(&menu, &NodeActionMenu::faultRequested);
        QSignalSpy actions(&menu, &NodeActionMenu::nodeActionRequested);

        answerNextDialog([](FaultDialog* dialog) {
            auto* impairment = qobject_cast<ImpairmentDialog*>(dialog);
            QVERIFY(impairment);
            impairment->delayBox()->setValue(100);
            impairment->jitterBox()->setValue(20);
        });
        menu.actionFor(NodeAction::Impair)->trigger();
        QCOMPARE(faults.size(), 1);
        auto request = faults.takeFirst().first().value<NodeActionRequest>();
        QCOMPARE(request.action, NodeAction::Impair);
        QCOMPARE(request.container, QStringLiteral("demo-patroni1"));
        QCOMPARE(request.impairment, (QStringList{QStringLiteral("delay"), QStringLiteral("100"), QStringLiteral("20")}));
        QCOMPARE(NodeActions::describe(request), QStringLiteral("impair delay 100 ms ±20 ms"));

        answerNextDialog([](FaultDialog* dialog) { qobject_cast<PartitionDialog*>(dialog)->choose(Component::Etcd); });
        menu.actionFor(NodeAction::Partition)->trigger();
        QCOMPARE(faults.size(), 1);
        request = faults.takeFirst().first().value<NodeActionRequest>();
        QCOMPARE(request.peers, (QStringList{QStringLiteral("etcd1=172.30.55.11"), QStringLiteral("etcd2=172.30.55.12")}));

        answerNextDialog([](FaultDialog* dialog) { qobject_cast<ResourceLimitDialog*>(dialog)->memoryBox()->setValue(96); });
        menu.actionFor(NodeAction::LimitMemory)->trigger();
        QCOMPARE(faults.takeFirst().first().value<NodeActionRequest>().memoryBytes, qint64(96) * 1024 * 1024);

        QTimer::singleShot(0, [] { QApplication::activeModalWidget()->close(); });
        menu.actionFor(NodeAction::LimitCpu)->trigger();
        QCOMPARE(faults.size(), 0);

        // No parameters, no dialog.
        menu.actionFor(NodeAction::KillPatroni)->trigger();
        QCOMPARE(faults.size(), 1);
        request = faults.takeFirst().first().value<NodeActionRequest>();
        QCOMPARE(request.action, NodeAction::KillPatroni);
        QCOMPARE(request.container, QStringLiteral("demo-patroni1"));
        QVERIFY(request.impairment.isEmpty() && request.peers.isEmpty());
        QCOMPARE(actions.size(), 0);
    }
};

QTEST_MAIN(TestNodeActionMenu)
#include "tst_nodeactionmenu.moc"
