// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clustersettingschange.h"
#include "dockercli.h"
#include "trafficgenerator.h"

#include <QPointer>
#include <QWidget>

class ClusterObserver;
class ClusterSettingsModel;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

// The window's `patroni-lab-cli settings`: what the observed cluster's HA settings are (Patroni's dynamic
// configuration, HAProxy's check timing, the traffic generator's client timeouts), and changing them by profile or by
// KEY=VALUE words. Reading and changing run in labcore's asynchronous objects (ClusterObserver's GET /config,
// HaproxyCheckReader, ClusterSettingsChange), so the GUI thread never waits; input that cannot be applied is refused
// here, before anything is sent. The window hands in its observer; the panel does not own it.
class ClusterSettingsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterSettingsPanel)
public:
    explicit ClusterSettingsPanel(QWidget* parent = nullptr);
    ~ClusterSettingsPanel() override;

    // The observer of the cluster the window watches, or null: without one the panel is disabled and says why. A new
    // observer is read as soon as its first round is complete.
    void setObserver(ClusterObserver* observer);
    // What the window's traffic generator connects with: shown, not changed here (the Traffic panel sets it).
    void setClientSettings(const TrafficConfig& client);
    // For tests: the docker that reads and changes HAProxy's configuration.
    void setDocker(const DockerCli& docker) { m_docker = docker; }

    ClusterSettingsModel* model() const { return m_model; }
    // Reads the cluster's settings again: GET /config and HAProxy's configuration.
    void refresh();
    // Apply what the KEY=VALUE field holds, the profile chosen, or the lab's defaults (the "demo" profile). False,
    // with the reason in the status line, when nothing was started.
    bool applyAssignments();
    bool applySelectedProfile();
    bool restoreDefaults();
    bool isChanging() const { return m_change != nullptr; }
    QString statusText() const;
    QString availabilityText() const;

signals:
    // For the window's log and status bar.
    void logLine(const QString& line);
    void statusMessage(const QString& message);

private:
    void buildWidgets();
    void showSelectedProfile();
    void updateControls();
    bool canChange() const;
    void onFirstRound();
    void onPatroniConfig(const QJsonObject& config);
    void readHaproxy();
    // Refuses (status line, false) input that cannot be applied; otherwise starts the change.
    bool start(const ClusterSettingsTarget& target, const QString& label);
    QString validationError(const ClusterSettingsTarget& target) const;
    QString waitingText(const ClusterSettingsTarget& target) const;
    void onChangeFinished(const ClusterSettingsChange::Outcome& outcome);
    QStringList outcomeSentences(const ClusterSettingsChange::Outcome& outcome) const;
    QString haproxyContainer() const;
    int patroniMajorMinor() const;
    void setStatus(const QString& text);

    ClusterSettingsModel* m_model = nullptr;
    QPointer<ClusterObserver> m_observer;
    DockerCli m_docker;
    QPointer<ClusterSettingsChange> m_change;
    QString m_changeLabel; // "profile fast-failover", "ttl=20 haproxy.inter=1s"
    // Answers of a HAProxy read started for an earlier observer are dropped.
    int m_readGeneration = 0;
    bool m_readingPatroni = false;
    bool m_readingHaproxy = false;

    QLabel* m_availabilityLabel = nullptr;
    QWidget* m_controls = nullptr;
    QTableView* m_table = nullptr;
    QPushButton* m_refreshButton = nullptr;
    QLabel* m_ruleWarningLabel = nullptr;
    QComboBox* m_profileCombo = nullptr;
    QLabel* m_profileDescriptionLabel = nullptr;
    QPushButton* m_applyProfileButton = nullptr;
    QPushButton* m_restoreDefaultsButton = nullptr;
    QLineEdit* m_assignmentsEdit = nullptr;
    QPushButton* m_applyButton = nullptr;
    QLineEdit* m_restUserEdit = nullptr;
    QLineEdit* m_restPasswordEdit = nullptr;
    QLabel* m_statusLabel = nullptr;
};
