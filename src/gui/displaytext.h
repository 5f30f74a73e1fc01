// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clusterstate.h"

#include <QCoreApplication>

// Words that labcore keeps in English (the CLI prints them, reports and JSON store them) but the window shows in
// the user's language.
class DisplayText
{
    Q_DECLARE_TR_FUNCTIONS(DisplayText)
public:
    // Leader, Replica, Standby Leader … as patronictl names them.
    static QString role(const MemberState& member);
    // ClusterEvent::describe() in the user's language (describe() itself stays English: it is stored in runs).
    static QString event(const ClusterEvent& event);
};
