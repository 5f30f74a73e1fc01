// SPDX-License-Identifier: GPL-3.0-or-later
#include "labassets.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QStandardPaths>

namespace {

QString resourcePath(const QString& relativePath)
{
    return QStringLiteral(":/lab/") + relativePath;
}

} // namespace

QStringList LabAssets::files()
{
    return {QStringLiteral("compose.yml"), QStringLiteral("node/Dockerfile"), QStringLiteral("node/entrypoint.sh"),
            QStringLiteral("node/haproxy.cfg"), QStringLiteral("node/patroni.yml"), QStringLiteral("node/lab-init"),
            QStringLiteral("node/lab-fault")};
}

QByteArray LabAssets::content(const QString& relativePath)
{
    QFile file(resourcePath(relativePath));
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("lab asset %s is not compiled into the program", qPrintable(relativePath));
    }
    return file.readAll();
}

QString LabAssets::composeFile(bool haproxyPortsOnly)
{
    return haproxyPortsOnly ? QStringLiteral("compose.haproxy-only.yml") : QStringLiteral("compose.yml");
}

QByteArray LabAssets::haproxyOnlyCompose()
{
    // Derived from compose.yml rather than kept as a second copy: drop every published REST, etcd and stats port.
    QByteArray result;
    const QList<QByteArray> lines = content(QStringLiteral("compose.yml")).split('\n');
    for (const QByteArray& line : lines) {
        if (line.contains("${LAB_PORT_PATRONI") || line.contains("${LAB_PORT_ETCD") || line.contains("${LAB_PORT_STATS")) {
            continue;
        }
        result += line + '\n';
    }
    result.chop(1);
    return result;
}

QByteArray LabAssets::contentHash()
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString& name : files()) {
        hash.addData(name.toUtf8());
        hash.addData(QByteArrayView("\0", 1));
        hash.addData(content(name));
    }
    return hash.result().toHex().left(12);
}

QString LabAssets::imageTag()
{
    return QStringLiteral("patroni-lab-node:") + QString::fromLatin1(contentHash());
}

QString LabAssets::defaultCacheParent()
{
    const QString overridden = qEnvironmentVariable("PATRONI_LAB_CACHE_DIR");
    if (!overridden.isEmpty()) {
        return overridden;
    }
    QString location = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
    if (location.isEmpty()) {
        location = QDir::tempPath();
    }
    return location + QStringLiteral("/patroni-lab");
}

Result<QString> LabAssets::extract(const QString& parent)
{
    const QString root = (parent.isEmpty() ? defaultCacheParent() : parent) + QStringLiteral("/lab-")
        + QString::fromLatin1(contentHash());
    QStringList names = files();
    names << composeFile(true);
    for (const QString& name : names) {
        const QString target = root + u'/' + name;
        const QByteArray bytes = name == composeFile(true) ? haproxyOnlyCompose() : content(name);
        QFile existing(target);
        if (existing.open(QIODevice::ReadOnly) && existing.readAll() == bytes) {
            continue;
        }
        existing.close();
        if (!QDir().mkpath(QFileInfo(target).absolutePath())) {
            return Result<QString>::failure(
                QStringLiteral("cannot create the folder %1 for the lab files: check its permissions or set "
                               "PATRONI_LAB_CACHE_DIR to a writable folder")
                    .arg(QFileInfo(target).absolutePath()));
        }
        QSaveFile file(target);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
            return Result<QString>::failure(QStringLiteral("cannot write %1 (%2): check free space and permissions, or "
                                                           "set PATRONI_LAB_CACHE_DIR to a writable folder")
                                                .arg(target, file.errorString()));
        }
        if (name.endsWith(QLatin1StringView(".sh")) || name.startsWith(QLatin1StringView("node/lab-"))) {
            QFile::setPermissions(target, QFile::permissions(target) | QFile::ExeOwner | QFile::ExeGroup
                                              | QFile::ExeOther | QFile::ReadOther | QFile::ReadGroup);
        }
    }
    return Result<QString>::success(root);
}
