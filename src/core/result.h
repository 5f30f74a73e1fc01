// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>
#include <utility>

// A value or a human-readable error. Parsers and probes return it instead of throwing, so malformed input from
// a half-dead cluster becomes a message on screen, never a crash.
template<typename T>
class Result
{
public:
    // Only for containers such as QVariant; a default Result is a failure with no message.
    Result() = default;
    static Result success(T value)
    {
        Result result;
        result.m_value = std::move(value);
        return result;
    }
    static Result failure(QString error)
    {
        Result result;
        result.m_error = std::move(error);
        return result;
    }

    bool ok() const { return m_value.has_value(); }
    const T& value() const { return *m_value; }
    T& value() { return *m_value; }
    const QString& error() const { return m_error; }

private:
    std::optional<T> m_value;
    QString m_error;
};
