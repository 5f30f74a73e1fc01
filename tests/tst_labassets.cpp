// SPDX-License-Identifier: GPL-3.0-or-later
#include "labassets.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

class TestLabAssets : public QObject
{
    Q_OBJECT
private slots:
    void embeddedFilesMatchTheSourceTree()
    {
        for (const QString& name : LabAssets::files()) {
            QFile source(QStringLiteral(LAB_FIXTURES_DIR "/../../packaging/lab/") + name);
            QVERIFY2(source.open(QIODevice::ReadOnly), qPrintable(name));
            QCOMPARE(LabAssets::content(name), source.readAll());
        }
    }

    void imageTagIsAContentHash()
    {
        static const QRegularExpression tag(QStringLiteral("^patroni-lab-node:[0-9a-f]{12}$"));
        QVERIFY2(tag.match(LabAssets::imageTag()).hasMatch(), qPrintable(LabAssets::imageTag()));
        QCOMPARE(LabAssets::imageTag(), LabAssets::imageTag());
    }

    void extractWritesEveryFileWithAnExecutableEntrypoint()
    {
        QTemporaryDir parent;
        const auto extracted = LabAssets::extract(parent.path());
        QVERIFY2(extracted.ok(), qPrintable(extracted.error()));
        QVERIFY(extracted.value().startsWith(parent.path()));
        for (const QString& name : LabAssets::files()) {
            QFile file(extracted.value() + u'/' + name);
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(name));
            QCOMPARE(file.readAll(), LabAssets::content(name));
        }
        QVERIFY(QFile::permissions(extracted.value() + QStringLiteral("/node/entrypoint.sh")) & QFile::ExeOther);
        // Extracting again reuses the same folder.
        QCOMPARE(LabAssets::extract(parent.path()).value(), extracted.value());
    }

    void unwritableLocationIsAClearError()
    {
        const auto extracted = LabAssets::extract(QStringLiteral("/proc/patroni-lab-cannot-write-here"));
        QVERIFY(!extracted.ok());
        QVERIFY2(extracted.error().contains(QStringLiteral("PATRONI_LAB_CACHE_DIR")), qPrintable(extracted.error()));
    }
};

QTEST_APPLESS_MAIN(TestLabAssets)
#include "tst_labassets.moc"
