// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "labdefinition.h"

#include <QByteArray>
#include <QSize>
#include <QString>

#include <memory>

class QSettings;

// Which cluster the window watches: our own lab (compose project + port base, which it can bring up and down), or
// an existing cluster found by compose project or container-name prefix (e.g. the Patroni repository's demo).
struct ClusterChoice
{
    enum class Kind { OurLab, Existing };
    Kind kind = Kind::OurLab;
    LabDefinition lab;    // OurLab: the project and port base; Existing: project = the name to look for
    // Ports that the cluster does not publish (the Patroni demo's REST, etcd, stats) are read through a relay
    // container on its network (ObservationRelay); false: through docker exec, and nothing is added to the cluster.
    bool relay = true;
    bool operator==(const ClusterChoice&) const = default;
};

// What the traffic panel starts with. Mirrors TrafficConfig without the connection string, which follows the lab.
struct TrafficPreferences
{
    enum class Target { Primary, Replicas };
    double rate = 1.0;
    int connections = 1;
    int readCheckEvery = 2;
    int deadlineMs = 2000;
    Target target = Target::Primary;
    bool operator==(const TrafficPreferences&) const = default;
};

struct ExportPreferences
{
    QSize sizePx{1600, 900};
    int dpi = 150;
    QString lastDirectory;
    bool operator==(const ExportPreferences&) const = default;
};

// The one typed door to the user's settings: every key, its type, its default and its validation live here, so no
// widget reads QSettings with a string key of its own. Out-of-range or garbled stored values fall back to the
// defaults instead of reaching the widgets.
class AppSettings
{
public:
    // The application's settings (organisation / application name as set in main()).
    AppSettings();
    // A settings file of its own (tests, --settings FILE).
    explicit AppSettings(const QString& iniFile);
    ~AppSettings();
    AppSettings(const AppSettings&) = delete;
    AppSettings& operator=(const AppSettings&) = delete;

    ClusterChoice cluster() const;
    void setCluster(const ClusterChoice& choice);

    // "" follows the system locale; otherwise a language code such as "en" or "ru".
    QString language() const;
    void setLanguage(const QString& language);

    TrafficPreferences traffic() const;
    void setTraffic(const TrafficPreferences& traffic);

    ExportPreferences exportPreferences() const;
    void setExportPreferences(const ExportPreferences& preferences);

    bool presentationMode() const;
    void setPresentationMode(bool on);
    // The timeline's lanes: all (true) or only those that change.
    bool allLanes() const;
    void setAllLanes(bool all);

    QByteArray windowGeometry() const; // QWidget::saveGeometry() of the window in normal mode
    void setWindowGeometry(const QByteArray& geometry);
    // QMainWindow::saveState() of the docks, one per mode: a lecture's arrangement is not a desk's.
    QByteArray windowState(bool presentation) const;
    void setWindowState(bool presentation, const QByteArray& state);

    void sync();
    QString fileName() const;

private:
    std::unique_ptr<QSettings> m_settings;
};
