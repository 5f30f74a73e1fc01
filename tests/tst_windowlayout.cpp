// SPDX-License-Identifier: GPL-3.0-or-later
// The main window on the screens it is used on: 1280×800 (a classroom projector), 1600×1000 and 1920×1080, at a
// desk (maximized) and in presentation mode (full screen), with the lab report's whole sequence (recorded on the
// lab, tests/fixtures/lab-report-run) opened from the journal and the live test lab in the diagram. Checked by
// geometry, not by eye: the timeline is the main thing, the latency plot keeps a third of it, lanes are never
// thinner than their labels, no two texts of the figure overlap, none leaves it, the legend and the title are
// whole, the y axis title is not cut, and the diagram's text keeps up with the window's.
// With PATRONI_LAB_SCREENSHOTS=DIR each window is saved as DIR/<desk|presentation>-<W>x<H>.png (docs/screens).
#include "appsettings.h"
#include "clustersettingsmodel.h"
#include "clustersettingspanel.h"
#include "journal.h"
#include "mainwindow.h"
#include "recordedrun.h"
#include "testlab.h"
#include "timelinelayout.h"
#include "timelineview.h"
#include "topologyview.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QScreen>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWindow>

#include <qcustomplot.h>

namespace {

constexpr qint64 RunStartNs = 5'000'000'000'000; // some time after boot on the LabClock

const QList<QSize> ScreenSizes { { 1280, 800 }, { 1600, 1000 }, { 1920, 1080 } };

// Offscreen screens of exactly these sizes side by side, so full screen means the size under test.
QString writeScreenConfig(const QString& folder)
{
    QJsonArray screens;
    int x = 0;
    for (const QSize& size : ScreenSizes) {
        screens.append(QJsonObject { { QStringLiteral("name"), QStringLiteral("screen-%1x%2").arg(size.width()).arg(size.height()) },
            { QStringLiteral("x"), x }, { QStringLiteral("y"), 0 }, { QStringLiteral("width"), size.width() },
            { QStringLiteral("height"), size.height() }, { QStringLiteral("logicalDpi"), 96 },
            { QStringLiteral("logicalBaseDpi"), 96 }, { QStringLiteral("dpr"), 1 } });
        x += size.width();
    }
    const QString path = folder + QStringLiteral("/screens.json");
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        qFatal("cannot write %s", qPrintable(path));
    }
    file.write(QJsonDocument(QJsonObject { { QStringLiteral("windowFrameMargins"), false },
                                 { QStringLiteral("screens"), screens } })
                   .toJson());
    return path;
}

QScreen* screenOfSize(const QSize& size)
{
    for (QScreen* screen : QGuiApplication::screens()) {
        if (screen->geometry().size() == size) {
            return screen;
        }
    }
    return nullptr;
}

QString describe(const QRectF& rect)
{
    return QStringLiteral("(%1,%2 %3×%4)").arg(rect.x()).arg(rect.y()).arg(rect.width()).arg(rect.height());
}

} // namespace

class TestWindowLayout : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_directory;
    qint64 m_runId = 0;

private slots:
    void initTestCase()
    {
        QVERIFY(m_directory.isValid());
        for (const QSize& size : ScreenSizes) {
            QVERIFY2(screenOfSize(size), qPrintable(QStringLiteral("no offscreen screen of %1×%2: the platform "
                                                                  "configuration was not read")
                                                       .arg(size.width())
                                                       .arg(size.height())));
        }
        const QString journalPath = m_directory.filePath(QStringLiteral("journal.sqlite"));
        qputenv("PATRONI_LAB_JOURNAL", journalPath.toUtf8());
        // The recording goes into a journal as the traffic generator would have written it.
        const RecordedRun recorded
            = RecordedRuns::load(QStringLiteral(LAB_FIXTURES_DIR "/lab-report-run/lab-report.json"), RunStartNs);
        auto opened = Journal::open(journalPath);
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        Journal& journal = *opened.value();
        RunInfo info = recorded.run.info;
        info.name = QStringLiteral("plabfig");
        info.startedAt = QDateTime(QDate(2026, 12, 7), QTime(11, 1), Qt::UTC);
        auto started = journal.startRun(info);
        QVERIFY2(started.ok(), qPrintable(started.error()));
        m_runId = started.value();
        journal.appendOperations(m_runId, recorded.run.operations, recorded.run.strings);
        for (const FaultAction& fault : recorded.run.faults) {
            journal.appendFault(m_runId, fault);
        }
        for (const ClusterEvent& event : recorded.run.events) {
            journal.appendEvent(m_runId, event);
        }
        for (const StateSnapshot& snapshot : recorded.run.snapshots) {
            journal.appendSnapshot(m_runId, snapshot.timeNs, snapshot.state);
        }
        auto finished = journal.finishRun(m_runId, recorded.run.info.endNs);
        QVERIFY2(finished.ok(), qPrintable(finished.error()));
    }

    // The Cluster settings dock against the live lab: it shows the lab's values, applies KEY=VALUE words (Patroni and
    // HAProxy) that every member and HAProxy then have, and Restore demo defaults puts them back.
    void clusterSettingsDockChangesTheCluster()
    {
        AppSettings settings(m_directory.filePath(QStringLiteral("settings-dock.ini")));
        ClusterChoice choice;
        choice.lab = TestSupport::testLab();
        MainWindow window(choice, settings);
        window.show();
        auto* panel = window.findChild<ClusterSettingsPanel*>(QStringLiteral("clusterSettingsPanel"));
        QVERIFY(panel);
        ClusterSettingsModel* model = panel->model();
        QVERIFY2(QTest::qWaitFor([&] { return model->valueOf(QStringLiteral("ttl")) == QLatin1StringView("30")
                                              && model->valueOf(QStringLiteral("haproxy.inter")).startsWith(QLatin1StringView("3s")); },
                                 60'000),
                 qPrintable(model->valueOf(QStringLiteral("ttl")) + u' ' + model->valueOf(QStringLiteral("haproxy.inter")) + u' '
                            + panel->availabilityText()));

        panel->findChild<QLineEdit*>(QStringLiteral("assignmentsEdit"))->setText(QStringLiteral("maximum_lag_on_failover=2097152 haproxy.rise=3"));
        QVERIFY2(panel->applyAssignments(), qPrintable(panel->statusText()));
        QVERIFY(QTest::qWaitFor([&] { return !panel->isChanging(); }, 120'000));
        qInfo("%s", qPrintable(panel->statusText()));
        QVERIFY2(panel->statusText().contains(QLatin1StringView("every member applied it")), qPrintable(panel->statusText()));
        QVERIFY2(panel->statusText().contains(QLatin1StringView("HAProxy reloaded")), qPrintable(panel->statusText()));
        QVERIFY(QTest::qWaitFor([&] { return model->valueOf(QStringLiteral("maximum_lag_on_failover")) == QLatin1StringView("2097152")
                                             && model->valueOf(QStringLiteral("haproxy.rise")).startsWith(u'3'); },
                                30'000));

        QVERIFY2(panel->restoreDefaults(), qPrintable(panel->statusText()));
        QVERIFY(QTest::qWaitFor([&] { return !panel->isChanging(); }, 120'000));
        qInfo("%s", qPrintable(panel->statusText()));
        QVERIFY(QTest::qWaitFor([&] { return model->valueOf(QStringLiteral("maximum_lag_on_failover")) == QLatin1StringView("1048576")
                                             && model->valueOf(QStringLiteral("haproxy.rise")).startsWith(u'2'); },
                                30'000));
    }

    void timelineGetsTheRoom_data()
    {
        QTest::addColumn<QSize>("screenSize");
        QTest::addColumn<bool>("presentation");
        for (const bool presentation : { false, true }) {
            for (const QSize& size : ScreenSizes) {
                QTest::addRow("%s %dx%d", presentation ? "presentation" : "desk", size.width(), size.height())
                    << size << presentation;
            }
        }
    }

    void timelineGetsTheRoom()
    {
        QFETCH(QSize, screenSize);
        QFETCH(bool, presentation);
        QScreen* screen = screenOfSize(screenSize);
        QVERIFY(screen);

        const QString tag = QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-');
        AppSettings settings(m_directory.filePath(tag + QStringLiteral(".ini")));
        ClusterChoice choice;
        choice.lab = TestSupport::testLab();
        MainWindow window(choice, settings);
        QSignalSpy journalReady(&window, &MainWindow::journalReady);
        QSignalSpy shown(&window, &MainWindow::runShown);
        window.winId();
        window.windowHandle()->setScreen(screen);
        window.move(screen->geometry().topLeft());
        if (presentation) {
            window.setPresentationMode(true);
        } else {
            window.showMaximized();
        }
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(journalReady.count() > 0 || journalReady.wait(10'000));
        QVERIFY(journalReady.first().first().toBool());
        window.openRun(m_runId);
        QVERIFY(shown.wait(20'000));
        // The diagram shows the live lab (the lab_up fixture started it).
        QVERIFY2(QTest::qWaitFor([&] { return window.topology()->hasState(); }, 30'000),
            "the window never observed the test lab: is it up (ctest's lab_up)?");
        QCOMPARE(window.isFullScreen(), presentation);
        QCOMPARE(window.size(), screenSize);
        QTest::qWait(300); // docks settle, the coalesced replot runs
        TimelineView* timeline = window.timeline();
        timeline->flushReplot();
        timeline->flushReplot(); // the labels set the latency range, which can move the plot's edge: settle it
        window.topology()->repaint();

        if (const QByteArray folder = qgetenv("PATRONI_LAB_SCREENSHOTS"); !folder.isEmpty()) {
            QDir().mkpath(QString::fromUtf8(folder));
            const QString file = QStringLiteral("%1/%2-%3x%4.png")
                                     .arg(QString::fromUtf8(folder), presentation ? QStringLiteral("presentation") : QStringLiteral("desk"))
                                     .arg(screenSize.width())
                                     .arg(screenSize.height());
            QVERIFY(window.grab().save(file));
            qInfo("saved %s", qPrintable(file));
        }

        // The timeline is the main thing of the window.
        QVERIFY(timeline->isVisible());
        qInfo("timeline %d×%d of a %d×%d window; latency plot %s, lanes %s (%lld shown, %d hidden), legend %s",
            timeline->width(), timeline->height(), window.width(), window.height(),
            qPrintable(describe(timeline->plotAreaRect())), qPrintable(describe(timeline->laneAreaRect())),
            static_cast<long long>(timeline->shownLaneNames().size()), timeline->hiddenLaneCount(),
            qPrintable(describe(timeline->legendRect())));
        QVERIFY2(timeline->height() >= window.height() * 2 / 5,
            qPrintable(QStringLiteral("the timeline is %1 px of %2").arg(timeline->height()).arg(window.height())));
        QVERIFY(timeline->width() >= window.width() / 2);

        // The latency plot keeps at least a third of the timeline.
        const QRect plotArea = timeline->plotAreaRect();
        QVERIFY2(plotArea.height() * 3 >= timeline->height(),
            qPrintable(QStringLiteral("latency plot %1 px of %2").arg(plotArea.height()).arg(timeline->height())));

        // Lanes: at least a label's height each; the ones that matter stay.
        const QStringList lanes = timeline->shownLaneNames();
        const QRect laneArea = timeline->laneAreaRect();
        const double rowHeight = double(laneArea.height()) / lanes.size();
        const QCPAxis* laneTitles = timeline->plot()->axisRect(1)->axis(QCPAxis::atLeft);
        QVERIFY2(rowHeight >= QFontMetrics(laneTitles->tickLabelFont()).height(),
            qPrintable(QStringLiteral("lane rows of %1 px").arg(rowHeight)));
        const QList<TimelineView::LabelGeometry> labels = timeline->labelGeometry();
        for (const auto& label : labels) {
            if (label.kind == TimelineView::LabelGeometry::Kind::Lane) {
                QVERIFY2(label.rect.height() <= rowHeight,
                    qPrintable(QStringLiteral("lane label \"%1\" is %2 px in rows of %3 px")
                                   .arg(label.text)
                                   .arg(label.rect.height())
                                   .arg(rowHeight)));
            }
        }
        if (screenSize.height() >= 1000 && !presentation) {
            QCOMPARE(timeline->hiddenLaneCount(), 0);
        }

        // Texts: none overlaps another, none leaves the figure; markers and outages stay in the latency plot.
        const QRectF figure = timeline->plot()->rect();
        using LabelKind = TimelineView::LabelGeometry::Kind;
        const auto count = [&labels](LabelKind kind) {
            return std::count_if(labels.cbegin(), labels.cend(), [kind](const auto& label) { return label.kind == kind; });
        };
        QVERIFY(count(LabelKind::Marker) >= 3);
        QVERIFY(count(LabelKind::Outage) >= 2);
        // The failover's story stays when lanes are left out: both leaders and etcd's quorum.
        for (const QString& lane : { QStringLiteral("patroni1"), QStringLiteral("patroni2"), QStringLiteral("etcd") }) {
            QVERIFY2(lanes.contains(lane), qPrintable(lanes.join(u',')));
        }
        // The time axis title fits the width (it names hidden lanes when it can).
        const QCPAxis* time = timeline->plot()->axisRect(1)->axis(QCPAxis::atBottom);
        QVERIFY2(QFontMetrics(time->labelFont()).horizontalAdvance(time->label()) <= figure.width(), qPrintable(time->label()));
        for (qsizetype i = 0; i < labels.size(); ++i) {
            const auto& label = labels.at(i);
            QVERIFY2(figure.contains(label.rect),
                qPrintable(QStringLiteral("\"%1\" %2 leaves the figure").arg(label.text, describe(label.rect))));
            if (label.kind != TimelineView::LabelGeometry::Kind::Lane) {
                QVERIFY2(QRectF(plotArea).contains(label.rect),
                    qPrintable(QStringLiteral("\"%1\" %2 leaves the plot").arg(label.text, describe(label.rect))));
            }
            for (qsizetype j = i + 1; j < labels.size(); ++j) {
                QVERIFY2(!TimelineLayout::overlaps(label.rect, labels.at(j).rect),
                    qPrintable(QStringLiteral("\"%1\" %2 overlaps \"%3\" %4")
                                   .arg(label.text, describe(label.rect), labels.at(j).text, describe(labels.at(j).rect))));
            }
        }

        // The legend: whole, every item inside it, inside the figure.
        const QRect legend = timeline->legendRect();
        QVERIFY(!legend.isEmpty());
        QVERIFY2(figure.contains(legend), qPrintable(describe(legend)));
        const QCPLegend* plotLegend = timeline->plot()->legend;
        int items = 0;
        for (int i = 0; i < plotLegend->itemCount(); ++i) {
            if (const QCPAbstractLegendItem* item = plotLegend->item(i)) {
                ++items;
                QVERIFY2(legend.contains(item->outerRect()),
                    qPrintable(QStringLiteral("legend item %1 %2 outside the legend %3")
                                   .arg(i)
                                   .arg(describe(item->outerRect()), describe(legend))));
            }
        }
        QVERIFY(items >= 6); // this run has ok inserts and reads, refused, lost, read-only, deadline ...

        // The title above the plot, whole; the y axis title along the plot, whole.
        const QRect title = timeline->titleRect();
        QVERIFY(!title.isEmpty());
        QVERIFY(figure.contains(title));
        QVERIFY2(title.bottom() < timeline->plot()->axisRect(0)->outerRect().top() + 1,
            qPrintable(QStringLiteral("title %1, plot from %2").arg(describe(title)).arg(plotArea.top())));
        const QCPAxis* latency = timeline->plot()->axisRect(0)->axis(QCPAxis::atLeft);
        QVERIFY2(QFontMetrics(latency->labelFont()).horizontalAdvance(latency->label()) <= plotArea.height(),
            qPrintable(latency->label()));

        // Only the lanes that change (View ▸ Timeline: all lanes off): patroni3, a replica throughout, goes.
        if (!presentation && screenSize.height() >= 1000) {
            window.findChild<QAction*>(QStringLiteral("actionAllLanes"))->trigger();
            timeline->flushReplot();
            QCOMPARE(timeline->shownLaneNames(),
                (QStringList { QStringLiteral("patroni1"), QStringLiteral("patroni2"), QStringLiteral("etcd"),
                    QStringLiteral("haproxy") }));
            QVERIFY(!settings.allLanes());
            window.findChild<QAction*>(QStringLiteral("actionAllLanes"))->trigger();
            timeline->flushReplot();
            QCOMPARE(timeline->hiddenLaneCount(), 0);
        }

        // The diagram's text keeps up with the window's (presentation mode enlarges both).
        const double windowTextPx = QFontInfo(window.font()).pixelSize();
        const double diagramTextPx = window.topology()->smallestTextPixelSize();
        qInfo("window text %.0f px, smallest diagram text %.1f px", windowTextPx, diagramTextPx);
        QVERIFY2(diagramTextPx >= 0.65 * windowTextPx,
            qPrintable(QStringLiteral("diagram text %1 px beside window text %2 px").arg(diagramTextPx).arg(windowTextPx)));
        if (presentation) {
            window.setPresentationMode(false); // leaves full screen before the window goes
        }
    }
};

int main(int argc, char* argv[])
{
    QTemporaryDir platformFolder;
    const QString config = writeScreenConfig(platformFolder.path());
    qputenv("QT_QPA_PLATFORM", QStringLiteral("offscreen:configfile=%1").arg(config).toUtf8());
    QApplication app(argc, argv);
    TestWindowLayout test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_windowlayout.moc"
