// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QtGlobal>

namespace SoulSpot {

// A page of a listing: the rows asked for and how many there are in all.
template <typename T> struct Page
{
    QList<T> items;
    qint64 total = 0;
};

} // namespace SoulSpot
