// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

// The lab's compose file and node image sources are compiled into the program, so the CLI and the GUI work from
// any directory and an installed copy needs no source tree. They are written to a cache folder named after their
// content hash; the node image is tagged with the same hash, so a changed Dockerfile means a new image.
class LabAssets
{
public:
    // Paths relative to the lab folder (packaging/lab in the source tree).
    static QStringList files();
    static QByteArray contentHash();
    static QString imageTag();
    static QByteArray content(const QString& relativePath);
    // compose.yml, or the variant that publishes only HAProxy's primary and replicas ports.
    static QString composeFile(bool haproxyPortsOnly);
    static QByteArray haproxyOnlyCompose();

    // Writes the files below `parent` (PATRONI_LAB_CACHE_DIR or the cache location when empty) and returns the
    // folder that holds compose.yml and node/.
    static Result<QString> extract(const QString& parent = {});
    static QString defaultCacheParent();
};
