// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

class QCoreApplication;

// The user interface languages. English is the source language (the tr() strings themselves, no .qm); Russian comes
// from resources/translations/patroni-lab_ru.ts, compiled into labgui as :/i18n/patroni-lab_ru.qm.
namespace Translations {

// Language codes the interface can be shown in: "en" and "ru".
QStringList availableLanguages();

// The language to show for a stored setting (AppSettings::language()): an available code as it is; "" (or a code we
// have no translation for) follows the system locale's preferred UI languages; English when none of them is available.
QString resolve(const QString& setting);

// Makes `language` the application's language: our strings and Qt's own (standard buttons, dialogs) when Qt's
// translations are installed. Replaces what an earlier call installed, so it can switch languages. Widgets that
// exist already keep their text until they are retranslated. Returns false, leaving English, for a language
// that is not available or whose translation cannot be loaded.
bool install(QCoreApplication& app, const QString& language);

// The language install() made current: "ru" while our Russian catalogue is installed, else "en".
QString current(const QCoreApplication& app);

} // namespace Translations
