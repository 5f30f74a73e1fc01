// SPDX-License-Identifier: GPL-3.0-or-later
#include "labnetwork.h"

#include "labdefinition.h"

#include <QHash>
#include <QHostAddress>
#include <QtAlgorithms>
#include <QtEndian>

#include <optional>

namespace {

struct Cidr
{
    quint32 network = 0;
    int prefix = 0;

    quint32 mask() const { return prefix == 0 ? 0 : ~quint32(0) << (32 - prefix); }
    bool overlaps(const Cidr& other) const
    {
        const int common = std::min(prefix, other.prefix);
        const quint32 shared = common == 0 ? 0 : ~quint32(0) << (32 - common);
        return (network & shared) == (other.network & shared);
    }
};

std::optional<Cidr> parseCidr(const QString& text)
{
    const qsizetype slash = text.indexOf(u'/');
    if (slash < 0) {
        return std::nullopt;
    }
    bool numeric = false;
    const int prefix = text.mid(slash + 1).toInt(&numeric);
    QHostAddress address;
    if (!numeric || prefix < 0 || prefix > 32 || !address.setAddress(text.left(slash))
        || address.protocol() != QAbstractSocket::IPv4Protocol) {
        return std::nullopt; // IPv6 networks cannot overlap an IPv4 subnet
    }
    Cidr cidr{address.toIPv4Address(), prefix};
    cidr.network &= cidr.mask();
    return cidr;
}

QString cidrText(quint32 network, int prefix)
{
    return QHostAddress(network).toString() + u'/' + QString::number(prefix);
}

const QHash<QString, int>& hostParts()
{
    static const QHash<QString, int> parts{{QStringLiteral("etcd1"), 11},    {QStringLiteral("etcd2"), 12},
                                           {QStringLiteral("etcd3"), 13},    {QStringLiteral("patroni1"), 21},
                                           {QStringLiteral("patroni2"), 22}, {QStringLiteral("patroni3"), 23},
                                           {QStringLiteral("haproxy"), 30}};
    return parts;
}

} // namespace

bool LabNetwork::isLabSubnet(const QString& subnet)
{
    const auto cidr = parseCidr(subnet);
    return cidr && cidr->prefix == 24 && subnet == cidrText(cidr->network, 24);
}

QString LabNetwork::address(const QString& subnet, const QString& service)
{
    const auto cidr = parseCidr(subnet);
    const auto part = hostParts().constFind(service);
    if (!isLabSubnet(subnet) || part == hostParts().cend()) {
        return {};
    }
    return QHostAddress(cidr->network + quint32(*part)).toString();
}

QString LabNetwork::dynamicRange(const QString& subnet)
{
    const auto cidr = parseCidr(subnet);
    return isLabSubnet(subnet) ? cidrText(cidr->network + 128, 25) : QString();
}

Result<QString> LabNetwork::chooseSubnet(int portBase, const QStringList& usedNetworks)
{
    QList<Cidr> used;
    for (const QString& text : usedNetworks) {
        if (const auto cidr = parseCidr(text.trimmed())) {
            used << *cidr;
        }
    }
    const quint32 first = QHostAddress(QStringLiteral("172.30.0.0")).toIPv4Address();
    constexpr int Candidates = 512; // 172.30.0.0/24 … 172.31.255.0/24
    const int start = (portBase / 100) % Candidates;
    for (int i = 0; i < Candidates; ++i) {
        const Cidr candidate{first + (quint32((start + i) % Candidates) << 8), 24};
        const bool free = std::none_of(used.cbegin(), used.cend(), [&](const Cidr& cidr) { return cidr.overlaps(candidate); });
        if (free) {
            return Result<QString>::success(cidrText(candidate.network, 24));
        }
    }
    return Result<QString>::failure(QStringLiteral("no free /24 in 172.30.0.0/15 for the lab's network: every one overlaps "
                                                   "a Docker network or a route of this host. Remove unused Docker networks "
                                                   "(docker network prune) and try again"));
}

QStringList LabNetwork::routesFromProcNetRoute(const QByteArray& text)
{
    // Iface Destination Gateway Flags RefCnt Use Metric Mask ...; addresses are the network-order bytes printed in
    // hex as one host-order number ("0100A8C0" is 192.168.0.1 on a little-endian host).
    QStringList routes;
    const QList<QByteArray> lines = text.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> fields = lines.at(i).simplified().split(' ');
        if (fields.size() < 8) {
            continue;
        }
        bool destinationOk = false;
        bool maskOk = false;
        const quint32 destination = qFromBigEndian(fields.at(1).toUInt(&destinationOk, 16));
        const quint32 mask = qFromBigEndian(fields.at(7).toUInt(&maskOk, 16));
        if (!destinationOk || !maskOk || mask == 0) {
            continue; // the default route covers everything and says nothing about a LAN
        }
        const int prefix = qPopulationCount(mask);
        routes << cidrText(destination & mask, prefix);
    }
    routes.removeDuplicates();
    return routes;
}

void LabNetwork::addComposeVariables(QProcessEnvironment& environment, const QString& subnet)
{
    if (!isLabSubnet(subnet)) {
        return;
    }
    environment.insert(QStringLiteral("LAB_SUBNET"), subnet);
    environment.insert(QStringLiteral("LAB_IP_RANGE"), dynamicRange(subnet));
    for (const QString& service : LabDefinition::allServices()) {
        environment.insert(QStringLiteral("LAB_IP_") + service.toUpper(), address(subnet, service));
    }
}
