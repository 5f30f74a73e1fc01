// SPDX-License-Identifier: GPL-3.0-or-later
#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace {

const QString SourceLanguage = u"en"_s;
// Marks the translators install() owns, so the next call can find and replace them.
const QString TranslatorObjectName = u"PatroniLabTranslator"_s;

// "ru-RU", "ru_RU" and "ru" all mean "ru" for us: we have one translation per language, not per country.
QString languagePart(const QString& localeName)
{
    return localeName.section(u'-', 0, 0).section(u'_', 0, 0).toLower();
}

void removeInstalledTranslators(QCoreApplication& app)
{
    const auto installed = app.findChildren<QTranslator*>(TranslatorObjectName, Qt::FindDirectChildrenOnly);
    for (QTranslator* translator : installed) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
}

bool installTranslator(QCoreApplication& app, const QString& fileName, const QString& directory)
{
    auto* translator = new QTranslator(&app);
    translator->setObjectName(TranslatorObjectName);
    if (!translator->load(fileName, directory) || !QCoreApplication::installTranslator(translator)) {
        delete translator;
        return false;
    }
    return true;
}

} // namespace

namespace Translations {

QStringList availableLanguages()
{
    return { SourceLanguage, u"ru"_s };
}

QString resolve(const QString& setting)
{
    const QStringList available = availableLanguages();
    const QString chosen = languagePart(setting.trimmed());
    if (available.contains(chosen)) {
        return chosen;
    }
    // uiLanguages() is the user's order of preference ("de-DE", "ru-RU", "en-US"): the first one we have wins.
    const QStringList preferred = QLocale::system().uiLanguages();
    for (const QString& localeName : preferred) {
        const QString language = languagePart(localeName);
        if (available.contains(language)) {
            return language;
        }
    }
    return SourceLanguage;
}

bool install(QCoreApplication& app, const QString& language)
{
    removeInstalledTranslators(app);
    if (language == SourceLanguage) {
        return true;
    }
    if (!availableLanguages().contains(language)
        || !installTranslator(app, u"patroni-lab_"_s + language, u":/i18n"_s)) {
        return false;
    }
    // Qt's own strings (OK/Cancel, file dialogs, context menus of text fields) come from the qt6-translations-l10n
    // package; without it they stay English, which is no reason to refuse our translation.
    installTranslator(app, u"qtbase_"_s + language, QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    return true;
}

QString current(const QCoreApplication& app)
{
    const auto installed = app.findChildren<QTranslator*>(TranslatorObjectName, Qt::FindDirectChildrenOnly);
    for (const QTranslator* translator : installed) {
        if (translator->filePath().startsWith(u":/i18n/"_s) && !translator->language().isEmpty()) {
            return languagePart(translator->language());
        }
    }
    return SourceLanguage;
}

} // namespace Translations
