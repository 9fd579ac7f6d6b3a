// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "queue/transferoutcome.h"

namespace SoulSpot {

class TransferContext;

// One attempt at transferring one download. run() blocks in a QThreadPool thread; it may run its
// own QEventLoop there (a QNetworkAccessManager needs one). It must return soon after the
// context's stopRequested() (within a second), with a Stopped outcome.
class TransferJob
{
public:
    virtual ~TransferJob() = default;
    virtual TransferOutcome run(TransferContext &context) = 0;
};

} // namespace SoulSpot
