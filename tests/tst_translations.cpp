// SPDX-License-Identifier: GPL-3.0-or-later
#include "translations.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QLibraryInfo>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace {

const QString CommittedTsPath = u"" PATRONI_LAB_SOURCE_DIR "/resources/translations/patroni-lab_ru.ts"_s;
const QString UpdateScript = u"packaging/translations/update-translations.sh"_s;

struct TsMessage
{
    QString context;
    QString source;
    QString comment;
    QString translation; // empty for numerus messages
    QStringList numerusForms; // Russian: one (1, 21…), few (2–4, 22…), many (0, 5–20…)
    bool numerus = false;
    bool unfinished = false;

    // One line, as in the source code: it names the string in failure messages and data tags.
    QString name() const
    {
        const QString oneLine = QString(source).replace(u'\n', u"\\n"_s).replace(u'\t', u"\\t"_s);
        return comment.isEmpty() ? u"[%1] \"%2\""_s.arg(context, oneLine)
                                 : u"[%1] \"%2\" (%3)"_s.arg(context, oneLine, comment);
    }
    bool untranslated() const
    {
        if (unfinished) {
            return true;
        }
        if (!numerus) {
            return translation.isEmpty();
        }
        return numerusForms.isEmpty() || numerusForms.contains(QString());
    }
};

// The subset of the TS 2.1 format that lupdate writes: <context><name/><message><source/>[<comment/>]
// <translation [type=…]>text or <numerusform/>s</translation></message></context>.
QList<TsMessage> parseTs(const QByteArray& xml, QString* error)
{
    QList<TsMessage> messages;
    QXmlStreamReader reader(xml);
    QString context;
    TsMessage message;
    bool obsolete = false;
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isEndElement() && reader.name() == "message"_L1 && !obsolete) {
            messages << message;
        }
        if (!reader.isStartElement()) {
            continue;
        }
        const QStringView element = reader.name();
        if (element == "name"_L1) {
            context = reader.readElementText();
        } else if (element == "message"_L1) {
            message = TsMessage {};
            message.context = context;
            message.numerus = reader.attributes().value("numerus"_L1) == "yes"_L1;
            obsolete = false;
        } else if (element == "source"_L1) {
            message.source = reader.readElementText();
        } else if (element == "comment"_L1) {
            message.comment = reader.readElementText();
        } else if (element == "translation"_L1) {
            const QStringView type = reader.attributes().value("type"_L1);
            message.unfinished = type == "unfinished"_L1;
            obsolete = type == "vanished"_L1 || type == "obsolete"_L1;
            if (message.numerus) {
                while (reader.readNextStartElement()) {
                    message.numerusForms << reader.readElementText();
                }
            } else {
                message.translation = reader.readElementText(QXmlStreamReader::IncludeChildElements);
            }
        } else if (element != "TS"_L1 && element != "context"_L1) {
            reader.skipCurrentElement(); // <location>, <extracomment>, <translatorcomment>…
        }
    }
    if (reader.hasError()) {
        *error = u"line %1: %2"_s.arg(reader.lineNumber()).arg(reader.errorString());
    }
    return messages;
}

// %1…%99, %n and their %L forms: each must survive translation, or .arg() fills the wrong place (or nothing).
QStringList placeholders(const QString& text)
{
    static const QRegularExpression pattern(u"%L?(?:\\d{1,2}|n)"_s);
    QStringList found;
    for (const QRegularExpressionMatch& match : pattern.globalMatch(text)) {
        found << match.captured().remove(u'L');
    }
    found.sort();
    found.removeDuplicates();
    return found;
}

// Keyboard accelerators: "&x" marks one, "&&" is a literal ampersand, "& " (followed by a space) is just text.
int acceleratorCount(const QString& text)
{
    int count = 0;
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != u'&') {
            continue;
        }
        const QChar next = text.at(i + 1);
        if (next == u'&') {
            ++i;
        } else if (!next.isSpace()) {
            ++count;
        }
    }
    return count;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT
private slots:
    // The committed .ts updated with the strings of the current src/gui and ui/, exactly as
    // update-translations.sh does it, into a temporary copy: the checks below see strings nobody has extracted yet.
    void initTestCase()
    {
        QVERIFY2(m_workDir.isValid(), qPrintable(m_workDir.errorString()));
        const QString updatedTs = m_workDir.filePath(u"patroni-lab_ru.ts"_s);
        QVERIFY(QFile::copy(CommittedTsPath, updatedTs));
        QFile::setPermissions(updatedTs, QFile::ReadOwner | QFile::WriteOwner);

        QProcess lupdate;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"LUPDATE"_s, u"" LUPDATE_EXECUTABLE ""_s);
        lupdate.setProcessEnvironment(environment);
        lupdate.setWorkingDirectory(u"" PATRONI_LAB_SOURCE_DIR ""_s);
        lupdate.start(u"bash"_s, { UpdateScript, u"--ts"_s, updatedTs });
        QVERIFY2(lupdate.waitForFinished(120'000), "update-translations.sh did not finish within 2 minutes");
        const QByteArray output = lupdate.readAllStandardOutput() + lupdate.readAllStandardError();
        QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0, output.constData());

        QFile updated(updatedTs);
        QVERIFY(updated.open(QIODevice::ReadOnly));
        const QByteArray updatedXml = updated.readAll();
        QString error;
        m_messages = parseTs(updatedXml, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(!m_messages.isEmpty(), "lupdate found no tr() strings in src/gui and ui/");

        QFile committed(CommittedTsPath);
        QVERIFY(committed.open(QIODevice::ReadOnly));
        m_committed = parseTs(committed.readAll(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        committed.seek(0);
        if (committed.readAll() != updatedXml) {
            qInfo("%s differs from what %s would write now (strings were added, changed or removed): run it.",
                qPrintable(CommittedTsPath), qPrintable(UpdateScript));
        }
    }

    void cleanup() { Translations::install(*qApp, u"en"_s); }

    void everyStringIsTranslated()
    {
        QStringList missing;
        for (const TsMessage& message : std::as_const(m_messages)) {
            if (message.untranslated()) {
                missing << u"  "_s + message.name();
            }
        }
        qInfo("%lld of %lld strings translated into Russian",
            static_cast<long long>(m_messages.size() - missing.size()), static_cast<long long>(m_messages.size()));
        if (!missing.isEmpty()) {
            const QString report
                = u"%1 string(s) in src/gui or ui/ have no Russian translation.\n"
                  "Run %2, then translate these strings in resources/translations/patroni-lab_ru.ts "
                  "with linguist (/usr/lib/qt6/bin/linguist) or by editing the .ts "
                  "(fill <translation>, remove type=\"unfinished\"), and rebuild:\n%3"_s.arg(missing.size())
                      .arg(UpdateScript, missing.join(u'\n'));
            QFAIL(qPrintable(report));
        }
    }

    void placeholdersAndAcceleratorsSurvive_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("translation");
        for (const TsMessage& message : std::as_const(m_messages)) {
            if (message.untranslated()) {
                continue; // everyStringIsTranslated() names it
            }
            const QStringList translations
                = message.numerus ? message.numerusForms : QStringList { message.translation };
            for (qsizetype form = 0; form < translations.size(); ++form) {
                const QString tag = message.numerus ? u"%1 form %2"_s.arg(message.name()).arg(form) : message.name();
                QTest::newRow(qPrintable(tag)) << message.source << translations.at(form);
            }
        }
    }

    void placeholdersAndAcceleratorsSurvive()
    {
        QFETCH(QString, source);
        QFETCH(QString, translation);
        QCOMPARE(placeholders(translation), placeholders(source));
        QCOMPARE(acceleratorCount(translation), acceleratorCount(source));
        // "Stop (docker stop)\tS": what follows a tab is the key of a shortcut, shown in the menu; it stays as it is.
        QCOMPARE(translation.section(u'\t', 1), source.section(u'\t', 1));
    }

    // Russian has three plural forms; the .qm must carry the Russian rule that picks them.
    void numerusFormsAreRussian_data()
    {
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("comment");
        QTest::addColumn<QStringList>("forms");
        for (const TsMessage& message : std::as_const(m_committed)) {
            if (message.numerus && !message.untranslated()) {
                QTest::newRow(qPrintable(message.name()))
                    << message.context << message.source << message.comment << message.numerusForms;
            }
        }
    }

    void numerusFormsAreRussian()
    {
        QFETCH(QString, context);
        QFETCH(QString, source);
        QFETCH(QString, comment);
        QFETCH(QStringList, forms);
        QCOMPARE(forms.size(), 3);
        for (const QString& form : std::as_const(forms)) {
            QVERIFY2(placeholders(form).contains(u"%n"_s), qPrintable(u"no %n in \"%1\""_s.arg(form)));
        }
        QVERIFY(Translations::install(*qApp, u"ru"_s));
        // 1 and 21 take the first form, 3 and 22 the second, 5, 11 and 0 the third.
        const QList<std::pair<int, int>> countToForm { { 1, 0 }, { 21, 0 }, { 3, 1 }, { 22, 1 }, { 5, 2 }, { 11, 2 },
            { 0, 2 } };
        for (const auto& [count, form] : countToForm) {
            const QString expected = QString(forms.at(form))
                                         .replace(u"%Ln"_s, QLocale().toString(count))
                                         .replace(u"%n"_s, QString::number(count));
            QCOMPARE(QCoreApplication::translate(context.toUtf8().constData(), source.toUtf8().constData(),
                         comment.isEmpty() ? nullptr : comment.toUtf8().constData(), count),
                expected);
        }
    }

    // The .qm is embedded in labgui and found at run time: every translation in the committed .ts comes back.
    void installedRussianTranslatesOurStrings()
    {
        QVERIFY(QFile::exists(u":/i18n/patroni-lab_ru.qm"_s));
        QVERIFY(Translations::install(*qApp, u"ru"_s));
        QCOMPARE(QCoreApplication::translate("MainWindow", "Failed: %1"), u"Ошибка: %1"_s);
        QCOMPARE(QCoreApplication::translate("MainWindow", "&Quit"), u"В&ыход"_s);
        int checked = 0;
        for (const TsMessage& message : std::as_const(m_committed)) {
            if (message.numerus || message.untranslated()) {
                continue;
            }
            const QByteArray comment = message.comment.toUtf8();
            const QString shown = QCoreApplication::translate(message.context.toUtf8().constData(),
                message.source.toUtf8().constData(), comment.isEmpty() ? nullptr : comment.constData());
            QVERIFY2(shown == message.translation,
                qPrintable(u"%1: the embedded .qm gives \"%2\", the .ts says \"%3\" (rebuild labgui)"_s.arg(
                    message.name(), shown, message.translation)));
            ++checked;
        }
        qInfo("%d translations came back from the embedded .qm", checked);

        // Back to English: the source strings again, and switching replaced the translators instead of stacking them.
        QVERIFY(Translations::install(*qApp, u"en"_s));
        QCOMPARE(QCoreApplication::translate("MainWindow", "Failed: %1"), u"Failed: %1"_s);
        QVERIFY(!Translations::install(*qApp, u"xx"_s));
        QCOMPARE(QCoreApplication::translate("MainWindow", "Failed: %1"), u"Failed: %1"_s);
    }

    // Standard buttons come from Qt's own catalogue (package qt6-translations-l10n), installed next to ours.
    void installedRussianTranslatesQtStrings()
    {
        const QString qtCatalog = QLibraryInfo::path(QLibraryInfo::TranslationsPath) + u"/qtbase_ru.qm"_s;
        if (!QFile::exists(qtCatalog)) {
            // packaging/setup.sh installs it; a CI machine without it would ship untranslated Qt dialogs.
            if (qEnvironmentVariable("CI") == QLatin1StringView("true")) {
                QFAIL(qPrintable(qtCatalog + u" is not installed (Debian: qt6-translations-l10n)"_s));
            }
            QSKIP(qPrintable(qtCatalog + u" is not installed (Debian: qt6-translations-l10n)"_s));
        }
        QVERIFY(Translations::install(*qApp, u"ru"_s));
        QDialogButtonBox buttons(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
        QCOMPARE(buttons.button(QDialogButtonBox::Cancel)->text(), u"Отмена"_s);
    }

    void availableLanguages() { QCOMPARE(Translations::availableLanguages(), (QStringList { u"en"_s, u"ru"_s })); }

    void resolve_data()
    {
        QTest::addColumn<QString>("setting");
        QTest::addColumn<QString>("expected");
        // main() sets the system's UI languages to "de:ru:en": German is not available, so the system means Russian.
        QTest::newRow("empty follows the system") << QString() << u"ru"_s;
        QTest::newRow("unavailable follows the system") << u"fr"_s << u"ru"_s;
        QTest::newRow("english") << u"en"_s << u"en"_s;
        QTest::newRow("russian") << u"ru"_s << u"ru"_s;
        QTest::newRow("with a country") << u"ru_RU"_s << u"ru"_s;
        QTest::newRow("BCP 47 with a country") << u"en-GB"_s << u"en"_s;
        QTest::newRow("upper case, spaces") << u" RU "_s << u"ru"_s;
    }

    void resolve()
    {
        QFETCH(QString, setting);
        QFETCH(QString, expected);
        QCOMPARE(Translations::resolve(setting), expected);
    }

private:
    QTemporaryDir m_workDir;
    QList<TsMessage> m_messages; // after lupdate over the current sources
    QList<TsMessage> m_committed; // what the build compiled into the .qm
};

int main(int argc, char* argv[])
{
    // The system locale's UI languages come from LANGUAGE on Unix; fixing them makes resolve("") testable and shows
    // that an unavailable first preference is skipped.
    qputenv("LANGUAGE", "de:ru:en");
    QApplication app(argc, argv);
    TestTranslations test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_translations.moc"
