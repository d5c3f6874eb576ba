/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "model.h"
#include "i18n.h"

const char *pk_err_msg(pk_err err)
{
    switch (err) {
    case PK_OK: return N_("Done.");
    case PK_EINVAL: return N_("The information is not valid.");
    case PK_ENOTFOUND: return N_("Not found.");
    case PK_EEXISTS: return N_("It already exists.");
    case PK_EBUSY: return N_("The system is busy. Please try again.");
    case PK_EFULL: return N_("Storage is full. Please call staff.");
    case PK_EIO: return N_("A storage error occurred. Please call staff.");
    case PK_ESTATE: return N_("This step is not allowed now.");
    case PK_EPERM: return N_("Not allowed.");
    case PK_EPRINTER: return N_("The printer is not ready.");
    case PK_ETAMPER: return N_("The data failed its integrity check.");
    case PK_EUNCONFIRMED: return N_("The printer did not confirm the print.");
    case PK_ERESTORED:
        return N_("This kiosk was restored from a backup: new dossiers can be registered once it "
                  "has synced with the province. Please call staff.");
    }
    return N_("Unknown error.");
}
