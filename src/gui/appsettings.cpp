// SPDX-License-Identifier: GPL-3.0-or-later
#include "appsettings.h"

#include <QSettings>

namespace {

// Keys are grouped the way a user would look for them in the file.
const QString ClusterKindKey = QStringLiteral("cluster/kind");
const QString ClusterProjectKey = QStringLiteral("cluster/project");
const QString ClusterPortBaseKey = QStringLiteral("cluster/portBase");
const QString ClusterRelayKey = QStringLiteral("cluster/relay");
const QString LanguageKey = QStringLiteral("ui/language");
const QString PresentationKey = QStringLiteral("ui/presentationMode");
const QString AllLanesKey = QStringLiteral("ui/timelineAllLanes");
const QString GeometryKey = QStringLiteral("ui/windowGeometry");
const QString StateKey = QStringLiteral("ui/windowState");
const QString PresentationStateKey = QStringLiteral("ui/presentationWindowState");
const QString RateKey = QStringLiteral("traffic/rate");
const QString ConnectionsKey = QStringLiteral("traffic/connections");
const QString ReadEveryKey = QStringLiteral("traffic/readCheckEvery");
const QString DeadlineKey = QStringLiteral("traffic/deadlineMs");
const QString TargetKey = QStringLiteral("traffic/target");
const QString ExportWidthKey = QStringLiteral("export/width");
const QString ExportHeightKey = QStringLiteral("export/height");
const QString ExportDpiKey = QStringLiteral("export/dpi");
const QString ExportDirectoryKey = QStringLiteral("export/lastDirectory");

// A stored number, or the fallback when it is missing, not a number or outside [low, high].
template<typename Number>
Number boundedValue(const QSettings& settings, const QString& key, Number fallback, Number low, Number high)
{
    bool ok = false;
    const QVariant stored = settings.value(key);
    if (!stored.isValid()) {
        return fallback;
    }
    const double value = stored.toDouble(&ok);
    if (!ok || value < double(low) || value > double(high)) {
        return fallback;
    }
    return Number(value);
}

} // namespace

AppSettings::AppSettings()
    : m_settings(std::make_unique<QSettings>())
{
}

AppSettings::AppSettings(const QString& iniFile)
    : m_settings(std::make_unique<QSettings>(iniFile, QSettings::IniFormat))
{
}

AppSettings::~AppSettings() = default;

ClusterChoice AppSettings::cluster() const
{
    ClusterChoice choice;
    choice.kind = m_settings->value(ClusterKindKey).toString() == QLatin1String("existing") ? ClusterChoice::Kind::Existing
                                                                                            : ClusterChoice::Kind::OurLab;
    LabDefinition lab;
    lab.project = m_settings->value(ClusterProjectKey, LabDefinition::defaultProject()).toString();
    lab.portBase = boundedValue(*m_settings, ClusterPortBaseKey, int(LabDefinition::DefaultPortBase), 1024,
                                65535 - LabDefinition::LastPortOffset);
    // A hand-edited name that docker would refuse must not reach the docker command line.
    if (!lab.validationError().isEmpty()) {
        lab.project = LabDefinition::defaultProject();
    }
    choice.lab = lab;
    // Only an explicit "false" turns the relay off: anything garbled keeps the default.
    choice.relay = m_settings->value(ClusterRelayKey).toString() != QLatin1String("false");
    return choice;
}

void AppSettings::setCluster(const ClusterChoice& choice)
{
    m_settings->setValue(ClusterKindKey,
                         choice.kind == ClusterChoice::Kind::Existing ? QStringLiteral("existing") : QStringLiteral("lab"));
    m_settings->setValue(ClusterProjectKey, choice.lab.project);
    m_settings->setValue(ClusterPortBaseKey, choice.lab.portBase);
    m_settings->setValue(ClusterRelayKey, choice.relay ? QStringLiteral("true") : QStringLiteral("false"));
}

QString AppSettings::language() const
{
    return m_settings->value(LanguageKey).toString();
}

void AppSettings::setLanguage(const QString& language)
{
    m_settings->setValue(LanguageKey, language);
}

TrafficPreferences AppSettings::traffic() const
{
    TrafficPreferences traffic;
    traffic.rate = boundedValue(*m_settings, RateKey, traffic.rate, 0.0, 10'000.0);
    traffic.connections = boundedValue(*m_settings, ConnectionsKey, traffic.connections, 1, 64);
    traffic.readCheckEvery = boundedValue(*m_settings, ReadEveryKey, traffic.readCheckEvery, 0, 1000);
    traffic.deadlineMs = boundedValue(*m_settings, DeadlineKey, traffic.deadlineMs, 100, 600'000);
    traffic.target = m_settings->value(TargetKey).toString() == QLatin1String("replicas") ? TrafficPreferences::Target::Replicas
                                                                                          : TrafficPreferences::Target::Primary;
    return traffic;
}

void AppSettings::setTraffic(const TrafficPreferences& traffic)
{
    m_settings->setValue(RateKey, traffic.rate);
    m_settings->setValue(ConnectionsKey, traffic.connections);
    m_settings->setValue(ReadEveryKey, traffic.readCheckEvery);
    m_settings->setValue(DeadlineKey, traffic.deadlineMs);
    m_settings->setValue(TargetKey, traffic.target == TrafficPreferences::Target::Replicas ? QStringLiteral("replicas")
                                                                                           : QStringLiteral("primary"));
}

ExportPreferences AppSettings::exportPreferences() const
{
    ExportPreferences preferences;
    preferences.sizePx.setWidth(boundedValue(*m_settings, ExportWidthKey, preferences.sizePx.width(), 200, 10'000));
    preferences.sizePx.setHeight(boundedValue(*m_settings, ExportHeightKey, preferences.sizePx.height(), 150, 10'000));
    preferences.dpi = boundedValue(*m_settings, ExportDpiKey, preferences.dpi, 50, 1200);
    preferences.lastDirectory = m_settings->value(ExportDirectoryKey).toString();
    return preferences;
}

void AppSettings::setExportPreferences(const ExportPreferences& preferences)
{
    m_settings->setValue(ExportWidthKey, preferences.sizePx.width());
    m_settings->setValue(ExportHeightKey, preferences.sizePx.height());
    m_settings->setValue(ExportDpiKey, preferences.dpi);
    m_settings->setValue(ExportDirectoryKey, preferences.lastDirectory);
}

bool AppSettings::presentationMode() const
{
    return m_settings->value(PresentationKey, false).toBool();
}

void AppSettings::setPresentationMode(bool on)
{
    m_settings->setValue(PresentationKey, on);
}

bool AppSettings::allLanes() const
{
    return m_settings->value(AllLanesKey, true).toBool();
}

void AppSettings::setAllLanes(bool all)
{
    m_settings->setValue(AllLanesKey, all);
}

QByteArray AppSettings::windowGeometry() const
{
    return m_settings->value(GeometryKey).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray& geometry)
{
    m_settings->setValue(GeometryKey, geometry);
}

QByteArray AppSettings::windowState(bool presentation) const
{
    return m_settings->value(presentation ? PresentationStateKey : StateKey).toByteArray();
}

void AppSettings::setWindowState(bool presentation, const QByteArray& state)
{
    m_settings->setValue(presentation ? PresentationStateKey : StateKey, state);
}

void AppSettings::sync()
{
    m_settings->sync();
}

QString AppSettings::fileName() const
{
    return m_settings->fileName();
}
