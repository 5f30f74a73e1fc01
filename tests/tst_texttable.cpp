// SPDX-License-Identifier: GPL-3.0-or-later
#include "texttable.h"

#include <QTest>

class TestTextTable : public QObject
{
    Q_OBJECT
private slots:
    void rendersPatronictlStyle()
    {
        TextTable table({QStringLiteral("Member"), QStringLiteral("Role"), QStringLiteral("TL")});
        table.addRow({QStringLiteral("patroni1"), QStringLiteral("Leader"), QStringLiteral("1")});
        table.addRow({QStringLiteral("patroni2"), QStringLiteral("Replica")});
        const QString expected = QStringLiteral("+ Cluster: demo -----+----+\n"
                                                "| Member   | Role    | TL |\n"
                                                "+----------+---------+----+\n"
                                                "| patroni1 | Leader  | 1  |\n"
                                                "| patroni2 | Replica |    |\n"
                                                "+----------+---------+----+\n");
        QCOMPARE(table.render(QStringLiteral("Cluster: demo")), expected);
    }

    void cyrillicWidthCountsCharactersNotBytes()
    {
        TextTable table({QStringLiteral("User")});
        table.addRow({QStringLiteral("Алексей Козлов")});
        const QStringList lines = table.render().split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.at(0).size(), lines.at(3).size());
    }
};

QTEST_APPLESS_MAIN(TestTextTable)
#include "tst_texttable.moc"
