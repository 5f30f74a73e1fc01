// SPDX-License-Identifier: GPL-3.0-or-later
#include "texttable.h"

void TextTable::addRow(QStringList cells)
{
    while (cells.size() < m_headers.size()) {
        cells << QString();
    }
    m_rows.append(std::move(cells));
}

QString TextTable::render(const QString& title) const
{
    QList<qsizetype> widths;
    for (const QString& header : m_headers) {
        widths << header.size();
    }
    for (const QStringList& row : m_rows) {
        for (qsizetype column = 0; column < widths.size(); ++column) {
            widths[column] = std::max(widths[column], row.at(column).size());
        }
    }
    QString border = QStringLiteral("+");
    for (qsizetype width : widths) {
        border += QString(width + 2, u'-') + u'+';
    }
    const auto line = [&widths](const QStringList& cells) {
        QString text = QStringLiteral("|");
        for (qsizetype column = 0; column < widths.size(); ++column) {
            text += u' ' + cells.at(column).leftJustified(widths.at(column)) + QStringLiteral(" |");
        }
        return text;
    };
    QString top = border;
    if (!title.isEmpty()) {
        const QString caption = QStringLiteral("+ ") + title + u' ';
        if (caption.size() < top.size()) {
            top.replace(0, caption.size(), caption);
        }
    }
    QStringList lines{top, line(m_headers), border};
    for (const QStringList& row : m_rows) {
        lines << line(row);
    }
    lines << border;
    return lines.join(u'\n') + u'\n';
}

QString MarkdownTable::row(const QStringList& cells)
{
    QStringList escaped;
    for (QString text : cells) {
        escaped << text.replace(u'|', QStringLiteral("\\|")).replace(u'\n', u' ');
    }
    return QStringLiteral("| %1 |\n").arg(escaped.join(QStringLiteral(" | ")));
}

QString MarkdownTable::separator(int columns)
{
    QStringList dashes;
    for (int i = 0; i < columns; ++i) {
        dashes << QStringLiteral("---");
    }
    return QStringLiteral("|%1|\n").arg(dashes.join(u'|'));
}
