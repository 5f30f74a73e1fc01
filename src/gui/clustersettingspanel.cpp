// SPDX-License-Identifier: GPL-3.0-or-later
#include "clustersettingspanel.h"

#include "clusterobserver.h"
#include "clustersettingsmodel.h"
#include "haproxychecks.h"
#include "patronisettings.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace {

const QString ClientPrefix = QStringLiteral("client.");

// Core texts are sentences or clauses; the status line joins them, so each must end like a sentence. The first
// letter stays as it is: clauses start with a setting's name (ttl, haproxy.inter, fall).
QString asSentence(QString text)
{
    text = text.trimmed();
    if (text.isEmpty()) {
        return text;
    }
    if (!text.endsWith(u'.') && !text.endsWith(u'?') && !text.endsWith(u'!') && !text.endsWith(u'…')) {
        text += u'.';
    }
    return text;
}

QLabel* wrappingLabel(const QString& objectName, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QPushButton* button(const QString& text, const QString& objectName, QWidget* parent)
{
    auto* pushButton = new QPushButton(text, parent);
    pushButton->setObjectName(objectName);
    return pushButton;
}

} // namespace

ClusterSettingsPanel::ClusterSettingsPanel(QWidget* parent)
    : QWidget(parent)
    , m_model(new ClusterSettingsModel(this))
{
    buildWidgets();
    for (const ClusterSettingsProfile& profile : ClusterSettingsProfile::builtIn()) {
        m_profileCombo->addItem(profile.name, profile.name);
        m_profileCombo->setItemData(m_profileCombo->count() - 1, profile.description, Qt::ToolTipRole);
    }
    m_profileCombo->setCurrentIndex(m_profileCombo->findData(ClusterSettingsProfile::defaultProfileName()));
    showSelectedProfile();

    connect(m_profileCombo, &QComboBox::currentIndexChanged, this, &ClusterSettingsPanel::showSelectedProfile);
    connect(m_refreshButton, &QPushButton::clicked, this, &ClusterSettingsPanel::refresh);
    connect(m_applyProfileButton, &QPushButton::clicked, this, &ClusterSettingsPanel::applySelectedProfile);
    connect(m_restoreDefaultsButton, &QPushButton::clicked, this, &ClusterSettingsPanel::restoreDefaults);
    connect(m_applyButton, &QPushButton::clicked, this, &ClusterSettingsPanel::applyAssignments);
    connect(m_assignmentsEdit, &QLineEdit::returnPressed, this, &ClusterSettingsPanel::applyAssignments);
    updateControls();
}

ClusterSettingsPanel::~ClusterSettingsPanel() = default;

void ClusterSettingsPanel::buildWidgets()
{
    auto* layout = new QVBoxLayout(this);
    m_availabilityLabel = wrappingLabel(QStringLiteral("availabilityLabel"), this);
    layout->addWidget(m_availabilityLabel);

    // Everything but the line above: disabled as one while no cluster is observed.
    m_controls = new QWidget(this);
    m_controls->setObjectName(QStringLiteral("settingsControls"));
    auto* controls = new QVBoxLayout(m_controls);
    controls->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_controls);

    m_table = new QTableView(m_controls);
    m_table->setObjectName(QStringLiteral("settingsTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(true);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setMinimumHeight(160);
    // The setting's name says which part it belongs to (haproxy.*, client.*): no row header needed.
    m_table->verticalHeader()->hide();
    QHeaderView* header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setStretchLastSection(true);
    controls->addWidget(m_table, 1);

    auto* tableButtons = new QHBoxLayout;
    m_ruleWarningLabel = wrappingLabel(QStringLiteral("ruleWarningLabel"), m_controls);
    m_ruleWarningLabel->hide();
    tableButtons->addWidget(m_ruleWarningLabel, 1);
    m_refreshButton = button(tr("Refresh"), QStringLiteral("refreshButton"), m_controls);
    m_refreshButton->setToolTip(
        tr("Read Patroni's dynamic configuration (GET /config) and HAProxy's configuration again."));
    tableButtons->addWidget(m_refreshButton, 0, Qt::AlignTop);
    controls->addLayout(tableButtons);

    auto* profileBox = new QGroupBox(tr("Profile"), m_controls);
    auto* profileLayout = new QVBoxLayout(profileBox);
    m_profileCombo = new QComboBox(profileBox);
    m_profileCombo->setObjectName(QStringLiteral("profileCombo"));
    profileLayout->addWidget(m_profileCombo);
    m_profileDescriptionLabel = wrappingLabel(QStringLiteral("profileDescriptionLabel"), profileBox);
    profileLayout->addWidget(m_profileDescriptionLabel);
    auto* profileButtons = new QHBoxLayout;
    m_applyProfileButton = button(tr("Apply profile"), QStringLiteral("applyProfileButton"), profileBox);
    m_restoreDefaultsButton = button(tr("Restore demo defaults"), QStringLiteral("restoreDefaultsButton"), profileBox);
    m_restoreDefaultsButton->setToolTip(tr("Apply the lab's defaults: the \"demo\" profile."));
    profileButtons->addWidget(m_applyProfileButton);
    profileButtons->addWidget(m_restoreDefaultsButton);
    profileButtons->addStretch();
    profileLayout->addLayout(profileButtons);
    controls->addWidget(profileBox);

    auto* changeBox = new QGroupBox(tr("Change settings"), m_controls);
    auto* changeLayout = new QVBoxLayout(changeBox);
    auto* assignmentsRow = new QHBoxLayout;
    m_assignmentsEdit = new QLineEdit(changeBox);
    m_assignmentsEdit->setObjectName(QStringLiteral("assignmentsEdit"));
    m_assignmentsEdit->setPlaceholderText(tr("ttl=20 loop_wait=2 haproxy.inter=1s"));
    m_assignmentsEdit->setToolTip(tr("KEY=VALUE words, as “patroni-lab-cli settings set” takes them: Patroni's keys "
                                     "(e.g. ttl, loop_wait, retry_timeout, synchronous_mode; KEY=null removes one) and "
                                     "haproxy.inter, haproxy.fall, haproxy.rise, haproxy.shutdown_sessions."));
    m_applyButton = button(tr("Apply"), QStringLiteral("applyButton"), changeBox);
    assignmentsRow->addWidget(m_assignmentsEdit, 1);
    assignmentsRow->addWidget(m_applyButton);
    changeLayout->addLayout(assignmentsRow);
    auto* credentials = new QFormLayout;
    auto* credentialsRow = new QHBoxLayout;
    m_restUserEdit = new QLineEdit(QStringLiteral("admin"), changeBox);
    m_restUserEdit->setObjectName(QStringLiteral("restUserEdit"));
    m_restPasswordEdit = new QLineEdit(QStringLiteral("admin"), changeBox);
    m_restPasswordEdit->setObjectName(QStringLiteral("restPasswordEdit"));
    m_restPasswordEdit->setEchoMode(QLineEdit::Password);
    credentialsRow->addWidget(m_restUserEdit);
    credentialsRow->addWidget(m_restPasswordEdit);
    credentials->addRow(tr("REST user / password:"), credentialsRow);
    changeLayout->addLayout(credentials);
    changeBox->setToolTip(tr("PATCH /config needs Patroni's REST API credentials: the lab's are admin / admin."));
    controls->addWidget(changeBox);

    m_statusLabel = wrappingLabel(QStringLiteral("statusLabel"), m_controls);
    controls->addWidget(m_statusLabel);
}

void ClusterSettingsPanel::setObserver(ClusterObserver* observer)
{
    if (observer && m_observer == observer) {
        return;
    }
    if (m_observer) {
        disconnect(m_observer, nullptr, this, nullptr);
    }
    m_observer = observer;
    ++m_readGeneration;
    m_readingPatroni = false;
    m_readingHaproxy = false;
    m_model->setPatroniConfig(std::nullopt);
    m_model->setHaproxy(std::nullopt);
    m_ruleWarningLabel->hide();
    if (observer) {
        connect(observer, &ClusterObserver::patroniConfigReceived, this, &ClusterSettingsPanel::onPatroniConfig);
        connect(observer, &ClusterObserver::firstRoundCompleted, this, &ClusterSettingsPanel::onFirstRound);
        // The window deletes its observer when it forgets the cluster; the QPointer is already null by then.
        connect(observer, &QObject::destroyed, this, [this] { setObserver(nullptr); });
        if (observer->hasCompleteState()) {
            refresh();
        }
    }
    updateControls();
}

void ClusterSettingsPanel::setClientSettings(const TrafficConfig& client)
{
    m_model->setClient(client);
}

void ClusterSettingsPanel::onFirstRound()
{
    refresh();
    updateControls();
}

QString ClusterSettingsPanel::availabilityText() const
{
    if (!m_observer) {
        return tr("Connect to a cluster first: the settings are read from and changed on the cluster the window "
                  "observes (Lab ▸ Choose cluster…).");
    }
    if (!m_observer->hasCompleteState()) {
        return tr("Waiting for the first complete look at cluster %1…").arg(m_observer->cluster().name);
    }
    return {};
}

QString ClusterSettingsPanel::statusText() const
{
    return m_statusLabel->text();
}

void ClusterSettingsPanel::setStatus(const QString& text)
{
    m_statusLabel->setText(text);
}

bool ClusterSettingsPanel::canChange() const
{
    return m_observer && m_observer->hasCompleteState() && !m_change;
}

void ClusterSettingsPanel::updateControls()
{
    const QString availability = availabilityText();
    m_availabilityLabel->setText(availability);
    m_availabilityLabel->setVisible(!availability.isEmpty());
    m_controls->setEnabled(!m_observer.isNull());
    const bool ready = canChange();
    m_refreshButton->setEnabled(ready);
    m_applyProfileButton->setEnabled(ready);
    m_restoreDefaultsButton->setEnabled(ready);
    m_applyButton->setEnabled(ready);
    for (QWidget* input :
        std::initializer_list<QWidget*> { m_profileCombo, m_assignmentsEdit, m_restUserEdit, m_restPasswordEdit }) {
        input->setEnabled(!m_change);
    }
}

void ClusterSettingsPanel::showSelectedProfile()
{
    const auto profile = ClusterSettingsProfile::find(m_profileCombo->currentData().toString());
    if (!profile.ok()) {
        m_profileDescriptionLabel->clear();
        return;
    }
    m_profileDescriptionLabel->setText(
        profile.value().description + u'\n' + tr("Sets: %1").arg(profile.value().target.assignments().join(u' ')));
}

QString ClusterSettingsPanel::haproxyContainer() const
{
    if (!m_observer) {
        return {};
    }
    return m_observer->cluster().haproxyContainer();
}

int ClusterSettingsPanel::patroniMajorMinor() const
{
    const int version = m_observer
        ? PatroniSettings::majorMinor(m_observer->state().versions().value(QLatin1StringView("patroni")).toString())
        : 0;
    return version > 0 ? version : 400;
}

void ClusterSettingsPanel::refresh()
{
    if (!m_observer || !m_observer->hasCompleteState()) {
        return;
    }
    if (!m_readingPatroni) {
        m_readingPatroni = true;
        m_observer->requestPatroniConfig();
    }
    readHaproxy();
}

void ClusterSettingsPanel::onPatroniConfig(const QJsonObject& config)
{
    // Any answer is the configuration as it is now, whoever asked (a change in progress asks as well).
    m_readingPatroni = false;
    if (config.isEmpty()) {
        m_model->setPatroniConfig(std::nullopt);
        if (!m_change) {
            setStatus(tr("No Patroni member answered GET /config: is the cluster up?"));
        }
        return;
    }
    m_model->setPatroniConfig(config, patroniMajorMinor());
    const QStringList broken = PatroniSettings::ruleViolations(config);
    m_ruleWarningLabel->setText(tr("Against Patroni's rules: %1").arg(broken.join(u' ')));
    m_ruleWarningLabel->setVisible(!broken.isEmpty());
}

void ClusterSettingsPanel::readHaproxy()
{
    const QString container = haproxyContainer();
    if (container.isEmpty()) {
        m_model->setHaproxy(std::nullopt, tr("(no HAProxy container)"));
        return;
    }
    if (m_readingHaproxy) {
        return;
    }
    m_readingHaproxy = true;
    auto* reader = new HaproxyCheckReader(container, m_docker, this);
    connect(reader, &HaproxyCheckReader::finished, this,
        [this, reader, generation = m_readGeneration](const HaproxyCheckSettings& settings) {
            reader->deleteLater();
            if (generation != m_readGeneration) {
                return;
            }
            m_readingHaproxy = false;
            m_model->setHaproxy(settings);
        });
    reader->start();
}

bool ClusterSettingsPanel::applyAssignments()
{
    const QStringList words = QProcess::splitCommand(m_assignmentsEdit->text());
    const auto target = ClusterSettingsTarget::fromAssignments(words);
    if (!target.ok()) {
        setStatus(asSentence(target.error()) + u' ' + tr("Nothing was changed."));
        return false;
    }
    return start(target.value(), words.join(u' '));
}

bool ClusterSettingsPanel::applySelectedProfile()
{
    const auto profile = ClusterSettingsProfile::find(m_profileCombo->currentData().toString());
    if (!profile.ok()) {
        setStatus(asSentence(profile.error()) + u' ' + tr("Nothing was changed."));
        return false;
    }
    return start(profile.value().target, tr("profile %1").arg(profile.value().name));
}

bool ClusterSettingsPanel::restoreDefaults()
{
    const auto profile = ClusterSettingsProfile::find(ClusterSettingsProfile::defaultProfileName());
    if (!profile.ok()) {
        setStatus(asSentence(profile.error()) + u' ' + tr("Nothing was changed."));
        return false;
    }
    return start(profile.value().target, tr("the lab's defaults (profile %1)").arg(profile.value().name));
}

QString ClusterSettingsPanel::validationError(const ClusterSettingsTarget& target) const
{
    if (target.isEmpty()) {
        return tr("Type at least one setting as KEY=VALUE, e.g. ttl=20 or haproxy.inter=1s.");
    }
    for (const QString& assignment : target.patroni) {
        // Patroni would take client.* as a key of its own configuration: refuse it rather than store it there.
        if (assignment.startsWith(ClientPrefix)) {
            return tr("%1 is the traffic generator's, not the cluster's: set the deadline in the Traffic panel.")
                .arg(assignment.section(u'=', 0, 0));
        }
    }
    if (const QStringList problems = target.haproxy.violations(); !problems.isEmpty()) {
        return asSentence(problems.join(QStringLiteral("; ")));
    }
    if (!target.haproxy.isEmpty() && m_observer && haproxyContainer().isEmpty()) {
        return tr("This cluster has no HAProxy container, so haproxy.* settings cannot be changed.");
    }
    if (target.patroni.isEmpty()) {
        return {};
    }
    const auto patch = PatroniSettings::patchFrom(target.patroni, patroniMajorMinor());
    if (!patch.ok()) {
        return asSentence(patch.error());
    }
    if (const auto& config = m_model->patroniConfig()) {
        const QStringList broken = PatroniSettings::ruleViolations(PatroniSettings::merged(*config, patch.value()));
        if (!broken.isEmpty()) {
            return tr("Patroni would refuse it: %1").arg(asSentence(broken.join(u' ')));
        }
    }
    return {};
}

QString ClusterSettingsPanel::waitingText(const ClusterSettingsTarget& target) const
{
    if (target.haproxy.isEmpty()) {
        return tr("Applying %1: waiting for Patroni to accept the change and for every member to apply it (up to a "
                  "minute)…")
            .arg(m_changeLabel);
    }
    if (target.patroni.isEmpty()) {
        return tr("Applying %1: waiting for HAProxy to check the new configuration and reload…").arg(m_changeLabel);
    }
    return tr("Applying %1: waiting for Patroni to accept the change and for every member to apply it (up to a "
              "minute), then for HAProxy to reload…")
        .arg(m_changeLabel);
}

bool ClusterSettingsPanel::start(const ClusterSettingsTarget& target, const QString& label)
{
    if (m_change) {
        return false;
    }
    if (const QString error = validationError(target); !error.isEmpty()) {
        setStatus(error + u' ' + tr("Nothing was changed."));
        return false;
    }
    if (!canChange()) {
        setStatus(availabilityText());
        return false;
    }
    m_changeLabel = label;
    const BasicCredentials credentials { m_restUserEdit->text().trimmed(), m_restPasswordEdit->text() };
    m_change = new ClusterSettingsChange(m_observer, m_docker, haproxyContainer(), credentials, this);
    connect(m_change, &ClusterSettingsChange::finished, this, &ClusterSettingsPanel::onChangeFinished);
    m_change->start(target);
    setStatus(waitingText(target));
    emit logLine(
        tr("Cluster settings: applying %1 to %2").arg(target.assignments().join(u' '), m_observer->cluster().name));
    updateControls();
    return true;
}

QStringList ClusterSettingsPanel::outcomeSentences(const ClusterSettingsChange::Outcome& outcome) const
{
    QStringList sentences;
    if (outcome.ok()) {
        sentences << tr("Applied %1.").arg(m_changeLabel);
    }
    const PatroniSettingsChange::Outcome& patroni = outcome.patroni;
    if (outcome.patroniTouched && patroni.ok()) {
        if (patroni.unchanged) {
            sentences << tr("Patroni had these values already: nothing to change.");
        } else {
            QStringList members = patroni.appliedAfterS.keys();
            members.sort();
            QStringList applied;
            double slowest = 0;
            for (const QString& member : std::as_const(members)) {
                const double seconds = patroni.appliedAfterS.value(member);
                slowest = std::max(slowest, seconds);
                applied << tr("%1 after %2 s").arg(member).arg(seconds, 0, 'f', 1);
            }
            sentences << tr("Patroni: every member applied it within %1 s (%2).")
                             .arg(slowest, 0, 'f', 1)
                             .arg(applied.join(QStringLiteral(", ")));
        }
        if (!patroni.pendingRestart.isEmpty()) {
            sentences << tr("PostgreSQL needs a restart to use it on %1 (the node's Restart, or patronictl restart).")
                             .arg(patroni.pendingRestart.join(QStringLiteral(", ")));
        }
    }
    const HaproxyCheckChange::Outcome& haproxy = outcome.haproxy;
    if (outcome.haproxyTouched && haproxy.ok()) {
        const HaproxyCheckSettings& now = haproxy.unchanged ? haproxy.before : haproxy.after;
        const QString checks = tr("inter %1, fall %2, rise %3")
                                   .arg(HaproxyCheckTiming::timeText(now.interSeconds))
                                   .arg(now.fall)
                                   .arg(now.rise);
        sentences << (haproxy.unchanged ? tr("HAProxy's checks were %1 already: nothing to change.").arg(checks)
                                        : tr("HAProxy reloaded in %1 s without closing connections; its checks are "
                                             "now %2.")
                                              .arg(haproxy.reloadSeconds, 0, 'f', 1)
                                              .arg(checks));
    }
    if (outcome.haproxyTouched && !haproxy.warning.isEmpty()) {
        sentences << tr("Warning: %1").arg(asSentence(haproxy.warning));
    }
    if (!outcome.ok()) {
        sentences << tr("Failed: %1").arg(asSentence(outcome.error));
        if (outcome.refusedBeforeChanging) {
            sentences << tr("Nothing was changed.");
        }
    }
    return sentences;
}

void ClusterSettingsPanel::onChangeFinished(const ClusterSettingsChange::Outcome& outcome)
{
    if (m_change) {
        m_change->deleteLater();
        m_change = nullptr;
    }
    const QString status = outcomeSentences(outcome).join(u' ');
    setStatus(status);
    emit logLine(tr("Cluster settings: %1").arg(status));
    if (outcome.patroniTouched && !outcome.patroni.unchanged && !outcome.patroni.patch.isEmpty()) {
        emit logLine(tr("Cluster settings: PATCH /config %1")
                         .arg(QString::fromUtf8(QJsonDocument(outcome.patroni.patch).toJson(QJsonDocument::Compact))));
    }
    if (outcome.haproxyTouched && !outcome.haproxy.unchanged && outcome.haproxy.ok()) {
        emit logLine(tr("Cluster settings: HAProxy's checks were %1, now %2")
                         .arg(outcome.haproxy.before.describe(), outcome.haproxy.after.describe()));
    }
    emit statusMessage(outcome.ok() ? tr("Cluster settings applied: %1").arg(m_changeLabel)
                                    : tr("Cluster settings not applied: %1").arg(outcome.error));
    updateControls();
    refresh();
}
