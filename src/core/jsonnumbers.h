// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <limits>

// JSON numbers are doubles; a hostile or corrupted response may hold 1e70 or NaN, and casting such a double to an
// integer is undefined behaviour (found by the fuzzers). These conversions saturate instead.
namespace JsonNumbers {

inline qint64 clampedInt64(double number)
{
    if (!(number > -9223372036854775808.0)) { // also NaN
        return std::numeric_limits<qint64>::min();
    }
    if (number >= 9223372036854775808.0) {
        return std::numeric_limits<qint64>::max();
    }
    return static_cast<qint64>(number);
}

// 64-bit ids (etcd) as decimal text; empty when the number cannot be an id.
inline bool fitsUnsigned64(double number)
{
    return number >= 0 && number < 18446744073709551616.0;
}

} // namespace JsonNumbers
