/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Domain types shared by the store, the rules, the screens and the printers.
 * Plain data: no curses, no sqlite types. Strings are NFC UTF-8 in fixed
 * buffers so a struct can be copied, wiped (mem_wipe) and freed in one go. */
#ifndef PK_MODEL_H
#define PK_MODEL_H

#include <stdbool.h>
#include <stdint.h>

/* Errors are values. Each has a translatable message: pk_err_msg(). */
typedef enum {
    PK_OK = 0,
    PK_EINVAL,     /* bad input (validation, parse) */
    PK_ENOTFOUND,  /* no such row / file */
    PK_EEXISTS,    /* duplicate */
    PK_EBUSY,      /* database locked beyond busy_timeout */
    PK_EFULL,      /* disk full */
    PK_EIO,        /* I/O error, corrupt database, unreadable file */
    PK_ESTATE,     /* transition not allowed from the current status */
    PK_EPERM,      /* not allowed (role, locked account, bad PIN) */
    PK_EPRINTER,   /* printer offline, paper out, cover open */
    PK_ETAMPER,    /* forged receipt, broken audit chain */
    PK_EUNCONFIRMED, /* a job was sent but the printer did not confirm it */
    PK_ERESTORED,  /* restored from a backup: no new dossier before a sync */
} pk_err;

/* Untranslated msgid describing err; wrap in _() to show it. */
const char *pk_err_msg(pk_err err);

enum {
    PK_CODE_MAX = 48,   /* procedure code, e.g. 1.001193.000.00.00.H35 */
    PK_TEXT_MAX = 256,  /* names of procedures, documents, agencies */
    PK_NAME_MAX = 128,  /* a person's name */
    PK_ID_MAX = 16,     /* 12-digit ID or 9-digit CMND + NUL */
    PK_PHONE_MAX = 16,
    PK_EMAIL_MAX = 128,
    PK_STREET_MAX = 160,
    PK_REF_MAX = 24,    /* dossier reference, e.g. LS01-2611-000042 */
    PK_S10_MAX = 16,    /* UPU S10, 13 chars */
    PK_DATE_MAX = 11,   /* YYYY-MM-DD */
    PK_MAX_DOCS = 16,   /* documents per procedure */
    PK_KEYWORDS_MAX = 512,   /* a procedure's search keywords, comma-separated */
    PK_RANK_MAX = 999,       /* a procedure's rank on the first list (0 = none) */
};

typedef enum { DOC_ORIGINAL = 0, DOC_COPY = 1 } doc_kind;

/* Service forms of QĐ 45/2016 Đ.5: send the dossier, receive the result, both. */
typedef enum { FORM_SEND = 1, FORM_RETURN = 2, FORM_BOTH = 3 } service_form;

typedef struct {
    int seq;                       /* order in the published list, 1.. */
    char name_vi[PK_TEXT_MAX];
    char name_en[PK_TEXT_MAX];
    doc_kind kind;                 /* what the published list asks for */
    bool required;
} proc_doc;

typedef struct {
    char code[PK_CODE_MAX];
    char name_vi[PK_TEXT_MAX];
    char name_en[PK_TEXT_MAX];
    char agency[PK_TEXT_MAX];      /* receiving agency, Vietnamese */
    char agency_en[PK_TEXT_MAX];   /* its English name; "" = say the Vietnamese one */
    char level[16];                /* commune | province */
    char field_vi[96];             /* lĩnh vực: Hộ tịch, Cư trú, ... */
    char field_en[96];
    bool bcci_submit;              /* dossier may be sent by post */
    bool bcci_return;              /* result may be returned by post */
    bool in_person;                /* person must be present */
    char reason_vi[PK_TEXT_MAX];   /* why not eligible / what to do instead */
    char reason_en[PK_TEXT_MAX];
    int days;                      /* statutory processing, working days */
    int64_t fee_vnd;               /* phí, lệ phí */
    char provenance[600];          /* VERIFIED / ESTIMATE notes, kept from the source */
    /* everyday names and abbreviations citizens search by ("giấy khai
     * sinh, BHXH"), comma-separated; staff edit them */
    char keywords[PK_KEYWORDS_MAX];
    bool keywords_set;             /* import: false keeps the stored keywords */
    /* where it stands on the kiosk's first list before this kiosk has its
     * own history (1 first; 0 not ranked); staff edit it */
    int rank;
    bool rank_set;                 /* import: false keeps the stored rank */
    int ndocs;
    proc_doc docs[PK_MAX_DOCS];
} procedure;

/* A search / browse result row: enough to draw a list line. */
typedef struct {
    char code[PK_CODE_MAX];
    char name_vi[PK_TEXT_MAX];
    char name_en[PK_TEXT_MAX];
    char agency[PK_TEXT_MAX];
    char field_vi[96];
    bool bcci_submit, bcci_return;
} proc_row;

typedef struct {
    int id;
    char province[64];
    char type[16];                 /* phường | xã | thị trấn */
    char name[96];
} admin_unit;

/* Holidays (kind 'H') and make-up working days (kind 'W'), as YYYY-MM-DD. */
typedef struct {
    char date[PK_DATE_MAX];
    char kind;
    char name[96];
} holiday;

/* Postal tariff: charge in đồng for a service form and a scope
 * ("commune", "province", "national"). */
typedef struct {
    service_form form;
    char scope[16];
    int64_t charge_vnd;
    int transit_days;              /* each way, working days (TT 17 Đ.7) */
} tariff;

/* Life cycle of a dossier (DOMAIN.md; OpenCPS). Stored as the text code. */
typedef enum {
    ST_REGISTERED = 0,   /* registered at kiosk */
    ST_ACCEPTED,         /* accepted at counter: checked, sealed, fees taken */
    ST_COUNTER_REJECTED, /* refused at the counter */
    ST_IN_TRANSIT,       /* on its way to the agency */
    ST_HANDED,           /* handed to agency: legal filing time */
    ST_PROCESSING,
    ST_SUPPLEMENT,       /* agency asks for more documents */
    ST_AGENCY_REJECTED,
    ST_RESULT_READY,
    ST_RESULT_COLLECTED, /* result collected by post */
    ST_OUT_FOR_DELIVERY,
    ST_DELIVERED,
    ST_DELIVERY_FAILED,
    ST_RETURNED,         /* returned to agency after failed deliveries */
    ST_CANCELLED,
    ST__COUNT
} dossier_status;

/* One document the citizen hands over (ticked at the kiosk). */
typedef struct {
    char name_vi[PK_TEXT_MAX];
    char name_en[PK_TEXT_MAX];
    doc_kind kind;
    bool required;
    bool handed;          /* ticked */
} dossier_doc;

typedef struct {
    int64_t id;
    char ref[PK_REF_MAX];
    char s10[PK_S10_MAX];
    char proc_code[PK_CODE_MAX];
    service_form form;
    dossier_status status;
    /* applicant (personal data: never logged, masked on receipts) */
    char name[PK_NAME_MAX];
    char id_number[PK_ID_MAX];
    char phone[PK_PHONE_MAX];
    char email[PK_EMAIL_MAX];
    /* return address */
    int unit_id;
    char province[64];
    char unit_name[96];
    char street[PK_STREET_MAX];
    char recipient[PK_NAME_MAX];   /* who receives the result; empty = applicant */
    /* documents handed over */
    int ndocs;
    dossier_doc docs[PK_MAX_DOCS];
    /* money, in đồng */
    int64_t fee_proc, fee_post, fee_total;
    char expected_date[PK_DATE_MAX];
    int64_t created_at;            /* unix seconds, kiosk clock */
    char lang[8];                  /* language the citizen used: vi, en, ... */
    bool consent_process;          /* required */
    bool consent_sms;              /* optional: messages by SMS to the phone */
    bool consent_email;            /* optional: messages by e-mail to the address */
    bool sample;                   /* demonstration / practice: never a real dossier */
    char kiosk_code[16];
} dossier;

/* Append-only history row. */
typedef struct {
    int64_t seq;
    int64_t at;
    char actor[64];                /* "kiosk", clerk id, "system" */
    char from[24], to[24];         /* status codes, from may be "" */
    char note[PK_TEXT_MAX];
} dossier_event;

#endif
