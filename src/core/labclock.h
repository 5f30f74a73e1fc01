// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <chrono>

// The one clock of a run: every observer event, docker command and traffic record is stamped with it so that
// they line up on one timeline. Monotonic, so wall-clock jumps (NTP, suspend) never reorder events.
namespace LabClock {

inline qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

inline qint64 nowMs()
{
    return nowNs() / 1'000'000;
}

} // namespace LabClock
