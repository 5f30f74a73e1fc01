// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

// The lab's own subnet and its nodes' fixed addresses on it (packaging/lab/compose.yml). Fixed, because Docker hands
// a container that is disconnected and reconnected whatever address is free, and HAProxy checks and routes by
// address: after two nodes are reconnected it would go on checking the wrong containers. On the lab's /24 the nodes
// have fixed host parts (etcd1-3: .11-.13, patroni1-3: .21-.23, haproxy: .30); Docker gives containers added by hand
// (a reconnect without --ip, the observer's relay) addresses from the upper half, which no node uses.
namespace LabNetwork {

// "172.30.55.21" for ("172.30.55.0/24", "patroni1"); empty for an unknown service or subnet.
QString address(const QString& subnet, const QString& service);
// "172.30.55.128/25" for "172.30.55.0/24".
QString dynamicRange(const QString& subnet);
// Whether the text is an IPv4 /24 in CIDR form with a zero host part, as the lab uses.
bool isLabSubnet(const QString& subnet);

// The first /24 of the lab's candidates (172.30.0.0/16, then 172.31.0.0/16) that overlaps none of usedNetworks
// (CIDRs: Docker's networks and this host's routes). The search starts at one derived from the port base, so a lab
// gets the same subnet again when nothing else took it, and two labs side by side get different ones.
Result<QString> chooseSubnet(int portBase, const QStringList& usedNetworks);
// The IPv4 routes of /proc/net/route (Linux) as CIDRs, without the default route: networks the lab must not hide.
QStringList routesFromProcNetRoute(const QByteArray& text);

// LAB_SUBNET, LAB_IP_RANGE and LAB_IP_<SERVICE> for every lab service.
void addComposeVariables(QProcessEnvironment& environment, const QString& subnet);

} // namespace LabNetwork
