// SPDX-License-Identifier: GPL-3.0-or-later
#include "nodefaultdialogs.h"

#include "faults/nodefaults.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace {

constexpr qint64 Mebibyte = 1024 * 1024;

// netem takes 0.5 as well as 5: no trailing zeros, no exponent for the values a spin box allows.
QString percentText(double value)
{
    return QString::number(value, 'g', 6);
}

QDoubleSpinBox* percentBox(const QString& name, QWidget* parent)
{
    auto* box = new QDoubleSpinBox(parent);
    box->setObjectName(name);
    box->setRange(0, 100);
    box->setDecimals(2);
    box->setSingleStep(1);
    box->setSuffix(QStringLiteral(" %"));
    box->setSpecialValueText(FaultDialog::tr("not set"));
    return box;
}

QSpinBox* wholeBox(const QString& name, int maximum, const QString& suffix, QWidget* parent)
{
    auto* box = new QSpinBox(parent);
    box->setObjectName(name);
    box->setRange(0, maximum);
    box->setSuffix(suffix);
    box->setSpecialValueText(FaultDialog::tr("not set"));
    return box;
}

} // namespace

FaultDialog::FaultDialog(const NodeActionRequest& base, const QString& explanation, QWidget* parent)
    : QDialog(parent)
    , m_base(base)
{
    setWindowTitle(tr("%1 on %2").arg(NodeActions::name(base.action), base.container));
    auto* layout = new QVBoxLayout(this);
    auto* about = new QLabel(explanation, this);
    about->setWordWrap(true);
    layout->addWidget(about);
    m_form = new QFormLayout;
    layout->addLayout(m_form);
    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setWordWrap(true);
    // Dark red reads on a projector; the text says it without the colour as well.
    m_errorLabel->setStyleSheet(QStringLiteral("color: #8c1d18; font-weight: bold;"));
    layout->addWidget(m_errorLabel);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

NodeActionRequest FaultDialog::request() const
{
    NodeActionRequest request = m_base;
    fill(request);
    return request;
}

QPushButton* FaultDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

void FaultDialog::revalidate()
{
    m_error = inputError();
    if (m_error.isEmpty()) {
        m_error = NodeFaults::validationError(request());
    }
    m_errorLabel->setText(m_error);
    m_errorLabel->setVisible(!m_error.isEmpty());
    okButton()->setEnabled(m_error.isEmpty());
}

ImpairmentDialog::ImpairmentDialog(const NodeActionRequest& base, QWidget* parent)
    : FaultDialog(base,
                  tr("Spoils the network of %1 for every peer (tc netem on its interfaces) until you clear it. "
                     "Leave a value at “not set” to leave it out.")
                      .arg(base.container),
                  parent)
{
    m_delay = wholeBox(QStringLiteral("delay"), 60000, tr(" ms"), this);
    m_delay->setValue(100);
    m_jitter = wholeBox(QStringLiteral("jitter"), 60000, tr(" ms"), this);
    m_loss = percentBox(QStringLiteral("loss"), this);
    m_duplicate = percentBox(QStringLiteral("duplicate"), this);
    m_corrupt = percentBox(QStringLiteral("corrupt"), this);
    m_rate = wholeBox(QStringLiteral("rate"), 10'000'000, tr(" kbit/s"), this);
    form()->addRow(tr("&Delay:"), m_delay);
    form()->addRow(tr("&Jitter (± around the delay):"), m_jitter);
    form()->addRow(tr("&Loss:"), m_loss);
    form()->addRow(tr("D&uplicate:"), m_duplicate);
    form()->addRow(tr("&Corrupt:"), m_corrupt);
    form()->addRow(tr("&Rate limit:"), m_rate);
    for (QSpinBox* box : {m_delay, m_jitter, m_rate}) {
        connect(box, &QSpinBox::valueChanged, this, &ImpairmentDialog::revalidate);
    }
    for (QDoubleSpinBox* box : {m_loss, m_duplicate, m_corrupt}) {
        connect(box, &QDoubleSpinBox::valueChanged, this, &ImpairmentDialog::revalidate);
    }
    revalidate();
}

QStringList ImpairmentDialog::impairment() const
{
    QStringList words;
    if (m_delay->value() > 0) {
        words << QStringLiteral("delay") << QString::number(m_delay->value());
        if (m_jitter->value() > 0) {
            words << QString::number(m_jitter->value());
        }
    }
    const std::pair<const char*, QDoubleSpinBox*> percentages[]
        = {{"loss", m_loss}, {"duplicate", m_duplicate}, {"corrupt", m_corrupt}};
    for (const auto& [word, box] : percentages) {
        if (box->value() > 0) {
            words << QString::fromLatin1(word) << percentText(box->value());
        }
    }
    if (m_rate->value() > 0) {
        words << QStringLiteral("rate") << QString::number(m_rate->value());
    }
    return words;
}

void ImpairmentDialog::fill(NodeActionRequest& request) const
{
    request.impairment = impairment();
}

QString ImpairmentDialog::inputError() const
{
    // netem's jitter varies the delay: without one it would be dropped silently.
    if (m_jitter->value() > 0 && m_delay->value() == 0) {
        return tr("A jitter needs a delay: set the delay as well.");
    }
    if (impairment().isEmpty()) {
        return tr("Set at least one of delay, loss, duplicate, corrupt or rate.");
    }
    return {};
}

PartitionDialog::PartitionDialog(const NodeActionRequest& base, const QList<FaultPeer>& peers, QWidget* parent)
    : FaultDialog(base,
                  tr("Drops every packet between %1 and the chosen peers, both directions, while it stays on the "
                     "network and reaches the others.")
                      .arg(base.container),
                  parent)
    , m_peers(peers)
{
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("peers"));
    for (const FaultPeer& peer : m_peers) {
        auto* item = new QListWidgetItem(m_list);
        if (peer.address.isEmpty()) {
            item->setText(tr("%1 — no address on the cluster's network (stopped or cut off since the discovery?)")
                              .arg(peer.name));
            item->setFlags(item->flags() & ~(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable));
        } else {
            item->setText(QStringLiteral("%1 (%2)").arg(peer.name, peer.address));
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            item->setCheckState(Qt::Unchecked);
        }
    }
    form()->addRow(tr("&Cut off from:"), m_list);
    auto* choices = new QHBoxLayout;
    const std::pair<ContainerInfo::Component, QString> quick[] = {
        {ContainerInfo::Component::Etcd, tr("All &etcd members")},
        {ContainerInfo::Component::Patroni, tr("The other &Patroni nodes")},
        {ContainerInfo::Component::Haproxy, tr("&HAProxy")},
    };
    for (const auto& [component, text] : quick) {
        auto* button = new QPushButton(text, this);
        button->setAutoDefault(false);
        button->setEnabled(std::any_of(m_peers.cbegin(), m_peers.cend(), [component](const FaultPeer& peer) {
            return peer.component == component && !peer.address.isEmpty();
        }));
        connect(button, &QPushButton::clicked, this, [this, component] { choose(component); });
        choices->addWidget(button);
        m_chooseButtons.insert(component, button);
    }
    choices->addStretch();
    form()->addRow(QString(), choices);
    connect(m_list, &QListWidget::itemChanged, this, &PartitionDialog::revalidate);
    revalidate();
}

void PartitionDialog::choose(ContainerInfo::Component component)
{
    for (int row = 0; row < m_peers.size(); ++row) {
        if (m_peers.at(row).component == component && !m_peers.at(row).address.isEmpty()) {
            m_list->item(row)->setCheckState(Qt::Checked);
        }
    }
}

QPushButton* PartitionDialog::chooseButton(ContainerInfo::Component component) const
{
    return m_chooseButtons.value(component);
}

QStringList PartitionDialog::peers() const
{
    QStringList checked;
    for (int row = 0; row < m_peers.size(); ++row) {
        if (m_list->item(row)->checkState() == Qt::Checked) {
            checked << m_peers.at(row).peerArgument();
        }
    }
    return checked;
}

void PartitionDialog::fill(NodeActionRequest& request) const
{
    request.peers = peers();
}

QString PartitionDialog::inputError() const
{
    return peers().isEmpty() ? tr("Choose at least one peer to cut the node off from.") : QString();
}

ResourceLimitDialog::ResourceLimitDialog(const NodeActionRequest& base, QWidget* parent)
    : FaultDialog(base,
                  base.action == NodeAction::LimitCpu
                      ? tr("Gives %1 at most this much CPU time (docker update --cpus): 0.2 is a fifth of one core. "
                           "Patroni's loop, the health checks and PostgreSQL all slow down.")
                            .arg(base.container)
                      : tr("Limits the memory of %1 (docker update --memory, no swap beyond it): when its processes "
                           "need more, the kernel kills one of them.")
                            .arg(base.container),
                  parent)
{
    if (base.action == NodeAction::LimitCpu) {
        m_cpus = new QDoubleSpinBox(this);
        m_cpus->setObjectName(QStringLiteral("cpus"));
        m_cpus->setRange(0, 64);
        m_cpus->setDecimals(2);
        m_cpus->setSingleStep(0.1);
        m_cpus->setValue(0.5);
        m_cpus->setSuffix(tr(" CPUs"));
        form()->addRow(tr("&CPUs:"), m_cpus);
        connect(m_cpus, &QDoubleSpinBox::valueChanged, this, &ResourceLimitDialog::revalidate);
    } else {
        m_memoryMiB = new QSpinBox(this);
        m_memoryMiB->setObjectName(QStringLiteral("memory"));
        m_memoryMiB->setRange(0, 1024 * 1024);
        m_memoryMiB->setValue(256);
        m_memoryMiB->setSuffix(tr(" MiB"));
        form()->addRow(tr("&Memory:"), m_memoryMiB);
        connect(m_memoryMiB, &QSpinBox::valueChanged, this, &ResourceLimitDialog::revalidate);
    }
    revalidate();
}

void ResourceLimitDialog::fill(NodeActionRequest& request) const
{
    if (m_cpus) {
        request.cpus = m_cpus->value();
    }
    if (m_memoryMiB) {
        request.memoryBytes = m_memoryMiB->value() * Mebibyte;
    }
}
