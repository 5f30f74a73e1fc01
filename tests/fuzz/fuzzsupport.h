// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers shared by the fuzz targets: turn libFuzzer's bytes into Qt types and "use" every parsed value, so that
// neither the optimizer nor a lazy parser can skip work, and ASan sees every field being read.

#include "result.h"

#include <QByteArray>
#include <QHashFunctions>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <optional>

namespace fuzz {

// Everything read is folded into this; a volatile store cannot be optimized away.
inline volatile std::size_t sink = 0;

inline void touch(std::size_t value)
{
    sink = sink + value;
}

inline void touch(bool value)
{
    touch(static_cast<std::size_t>(value));
}

inline void touch(int value)
{
    touch(static_cast<std::size_t>(value));
}

inline void touch(qint64 value)
{
    touch(static_cast<std::size_t>(value));
}

inline void touch(const QString& text)
{
    // Reads the whole string (ASan checks every character), not only its length.
    touch(static_cast<std::size_t>(qHash(text)));
}

template<typename T>
void touch(const std::optional<T>& value)
{
    touch(value.has_value());
    if (value) {
        touch(*value);
    }
}

// A result is either a value (handed to onValue) or a non-empty error message: a failure without a message is a bug
// too, since the GUI would show an empty error.
template<typename T, typename OnValue>
void check(const Result<T>& result, OnValue onValue)
{
    if (result.ok()) {
        onValue(result.value());
    } else {
        if (result.error().isEmpty()) {
            __builtin_trap();
        }
        touch(result.error());
    }
}

inline QByteArray bytes(const std::uint8_t* data, std::size_t size)
{
    // A copy, like the input the parsers really get (QNetworkReply::readAll, QProcess output): it keeps QByteArray's
    // terminating '\0', which QByteArray::fromRawData would not.
    return QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
}

} // namespace fuzz
