// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// Markdown tables of the reports (report.md, compare.md): a "|" in a cell is escaped, a line break becomes a blank.
namespace MarkdownTable {
QString row(const QStringList& cells);
QString separator(int columns);
} // namespace MarkdownTable

// A boxed plain-text table in patronictl's style, for terminal output and Markdown-free reports.
class TextTable
{
public:
    explicit TextTable(QStringList headers)
        : m_headers(std::move(headers))
    {
    }

    void addRow(QStringList cells);
    // An optional title folded into the top border: "+ Cluster: demo ----+".
    QString render(const QString& title = {}) const;

private:
    QStringList m_headers;
    QList<QStringList> m_rows;
};
