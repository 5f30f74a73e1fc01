// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dockerps.h"
#include "dockerruntime.h"

#include <QDialog>
#include <QMap>

class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QListWidget;
class QPushButton;
class QSpinBox;

// Another container of the cluster, as a partition names it: "etcd1=172.30.55.11".
struct FaultPeer
{
    QString name; // the compose service, as the diagram and the markers name it
    QString container;
    ContainerInfo::Component component = ContainerInfo::Component::Other;
    QString address; // on the cluster's shared network; empty when it has none (it cannot be cut off by address)

    QString peerArgument() const { return name + u'=' + address; }
};

// The node menu's faults that take parameters. Each dialog starts from a request for its container, says why its
// input cannot be used (the rules lab-fault and docker apply, from NodeFaults) and keeps OK disabled until it can.
class FaultDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FaultDialog)
public:
    // The base request with the dialog's parameters.
    NodeActionRequest request() const;
    // Empty when OK is enabled.
    QString error() const { return m_error; }
    QPushButton* okButton() const;

protected:
    FaultDialog(const NodeActionRequest& base, const QString& explanation, QWidget* parent);
    // Subclasses add their fields to this layout, then call revalidate() at the end of their constructor.
    class QFormLayout* form() const { return m_form; }
    void revalidate();
    virtual void fill(NodeActionRequest& request) const = 0;
    // What the dialog itself refuses before NodeFaults looks at the request; empty when nothing.
    virtual QString inputError() const { return {}; }

private:
    NodeActionRequest m_base;
    class QFormLayout* m_form = nullptr;
    QLabel* m_errorLabel = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QString m_error;
};

// "Network quality…": netem's delay (with jitter), loss, duplication, corruption and rate; 0 leaves one out.
class ImpairmentDialog final : public FaultDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImpairmentDialog)
public:
    ImpairmentDialog(const NodeActionRequest& base, QWidget* parent = nullptr);

    QSpinBox* delayBox() const { return m_delay; }
    QSpinBox* jitterBox() const { return m_jitter; }
    QDoubleSpinBox* lossBox() const { return m_loss; }
    QDoubleSpinBox* duplicateBox() const { return m_duplicate; }
    QDoubleSpinBox* corruptBox() const { return m_corrupt; }
    QSpinBox* rateBox() const { return m_rate; }
    // netem's words: {"delay", "100", "20", "loss", "5"}.
    QStringList impairment() const;

protected:
    void fill(NodeActionRequest& request) const override;
    QString inputError() const override;

private:
    QSpinBox* m_delay = nullptr;
    QSpinBox* m_jitter = nullptr;
    QDoubleSpinBox* m_loss = nullptr;
    QDoubleSpinBox* m_duplicate = nullptr;
    QDoubleSpinBox* m_corrupt = nullptr;
    QSpinBox* m_rate = nullptr;
};

// "Partition from…": the cluster's other containers to cut the node off from, with quick choices by component.
class PartitionDialog final : public FaultDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PartitionDialog)
public:
    PartitionDialog(const NodeActionRequest& base, const QList<FaultPeer>& peers, QWidget* parent = nullptr);

    QListWidget* peerList() const { return m_list; }
    // Checks every peer of the component that has an address (the quick-choice buttons); the others stay as they are.
    void choose(ContainerInfo::Component component);
    QPushButton* chooseButton(ContainerInfo::Component component) const;
    QStringList peers() const; // "name=address" of the checked ones

protected:
    void fill(NodeActionRequest& request) const override;
    QString inputError() const override;

private:
    QList<FaultPeer> m_peers;
    QListWidget* m_list = nullptr;
    QMap<ContainerInfo::Component, QPushButton*> m_chooseButtons;
};

// "Limit CPU…" (CPUs' worth of time) and "Limit memory…" (MiB), whichever base.action says.
class ResourceLimitDialog final : public FaultDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResourceLimitDialog)
public:
    ResourceLimitDialog(const NodeActionRequest& base, QWidget* parent = nullptr);

    QDoubleSpinBox* cpusBox() const { return m_cpus; }     // null for a memory limit
    QSpinBox* memoryBox() const { return m_memoryMiB; } // null for a CPU limit

protected:
    void fill(NodeActionRequest& request) const override;

private:
    QDoubleSpinBox* m_cpus = nullptr;
    QSpinBox* m_memoryMiB = nullptr;
};
