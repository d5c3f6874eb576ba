/* Headless harness for the clerk screens: see clerk_snap.h. */
#include "clerk_snap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <libintl.h>

#include "i18n.h"
#include "term.h"
#include "util.h"

static int64_t at(int day, int hour)
{
    struct tm tm = {0};
    tm.tm_year = 2026 - 1900;
    tm.tm_mon = 10;   /* November */
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_isdst = -1;
    return (int64_t)mktime(&tm);
}

static bool seed(csnap *e)
{
    procedure p[2];
    memset(p, 0, sizeof p);
    const char *codes[] = {"1.001193", "2.000488"};
    const char *names[] = {"Đăng ký khai sinh", "Cấp Phiếu lý lịch tư pháp"};
    const char *agencies[] = {"UBND xã Hữu Lũng", "Công an tỉnh Lạng Sơn"};
    for (int i = 0; i < 2; i++) {
        str_copy(p[i].code, sizeof p[i].code, codes[i]);
        str_copy(p[i].name_vi, sizeof p[i].name_vi, names[i]);
        str_copy(p[i].name_en, sizeof p[i].name_en, names[i]);
        str_copy(p[i].agency, sizeof p[i].agency, agencies[i]);
        str_copy(p[i].level, sizeof p[i].level, "commune");
        str_copy(p[i].field_vi, sizeof p[i].field_vi, "Hộ tịch");
        p[i].bcci_submit = p[i].bcci_return = true;
        p[i].days = 5;
        p[i].fee_vnd = i ? 200000 : 8000;
        str_copy(p[i].provenance, sizeof p[i].provenance, "ESTIMATE: test fixture");
    }
    if (store_procedures_replace(e->db, p, 2) != PK_OK ||
        store_setting_set(e->db, "kiosk_code", "LS01") != PK_OK)
        return false;
    const char *people[][3] = {
        {"Nguyễn Văn An", "020095001234", "0912345678"},
        {"Đặng Thị Hoa", "020185005678", "0387654321"},
        {"Hoàng Văn Tú", "020090007777", "0977000111"},
        {"Lý Thị Mai", "020192008888", "0355000222"},
    };
    for (int i = 0; i < 4; i++) {
        dossier d;
        memset(&d, 0, sizeof d);
        str_copy(d.proc_code, sizeof d.proc_code, codes[i == 3]);
        str_copy(d.name, sizeof d.name, people[i][0]);
        str_copy(d.id_number, sizeof d.id_number, people[i][1]);
        str_copy(d.phone, sizeof d.phone, people[i][2]);
        str_copy(d.province, sizeof d.province, "Lạng Sơn");
        str_copy(d.unit_name, sizeof d.unit_name, "Xã Hữu Lũng");
        str_copy(d.street, sizeof d.street, "12 Trần Đăng Ninh");
        str_copy(d.lang, sizeof d.lang, "vi");
        d.form = FORM_BOTH;
        d.fee_proc = i == 3 ? 200000 : 8000;
        d.fee_post = 48000;
        d.fee_total = d.fee_proc + d.fee_post;
        str_copy(d.expected_date, sizeof d.expected_date, "2026-12-04");
        d.created_at = at(20 + i, 9);
        d.consent_process = true;
        d.ndocs = 2;
        str_copy(d.docs[0].name_vi, sizeof d.docs[0].name_vi, "Tờ khai");
        d.docs[0].kind = DOC_ORIGINAL;
        d.docs[0].handed = d.docs[0].required = true;
        str_copy(d.docs[1].name_vi, sizeof d.docs[1].name_vi, "Giấy chứng sinh");
        d.docs[1].kind = DOC_COPY;
        d.docs[1].handed = true;
        int64_t job = 0;
        if (store_dossier_create(e->db, &d, "RA", "kiosk", &job) != PK_OK)
            return false;
        /* the kiosk printed two receipts; paper ran out on the third */
        if (i < 2)
            store_job_set(e->db, job, JOB_PRINTED, "");
        else if (i == 2)
            store_job_set(e->db, job, JOB_FAILED, pk_err_msg(PK_EPRINTER));
        str_copy(e->refs[i], PK_REF_MAX, d.ref);
    }
    auth_ctx ax;
    memset(&ax, 0, sizeof ax);
    ax.cost = AUTH_COST_MIN;
    if (auth_load_pepper(&ax, e->cfg.pepper_file, NULL, 0) != PK_OK)
        return false;
    const char *ids[] = {"nv01", "sup1"}, *pins[] = {"735102", "480215"};
    for (int i = 0; i < 2; i++) {
        clerk_account c;
        memset(&c, 0, sizeof c);
        str_copy(c.id, sizeof c.id, ids[i]);
        str_copy(c.name, sizeof c.name, i ? "Hoàng Lan" : "Lê Thu");
        c.role = i ? ROLE_SUPERVISOR : ROLE_CLERK;
        if (auth_pin_hash(&ax, pins[i], c.pin_hash) != PK_OK ||
            store_clerk_add(e->db, &c, "install", at(19, 8)) != PK_OK)
            return false;
    }
    auth_wipe(&ax);
    return true;
}

bool csnap_open(csnap *e, int rows, int cols, const char *lang)
{
    memset(e, 0, sizeof *e);
    const char *lg = getenv("LANGUAGE");
    e->had_language = lg != NULL;
    str_copy(e->prev_language, sizeof e->prev_language, lg ? lg : "");
    const char *tz = getenv("TZ");
    e->had_tz = tz != NULL;
    str_copy(e->prev_tz, sizeof e->prev_tz, tz ? tz : "");
    setenv("TZ", "UTC0", 1);
    tzset();
    snprintf(e->dir, sizeof e->dir, "/tmp/pkcsnap.XXXXXX");
    if (!mkdtemp(e->dir))
        return false;
    setenv("POSTKIOSK_HOME", e->dir, 1);
    unsetenv("POSTKIOSK_IDLE");
    unsetenv("POSTKIOSK_CLOCK");
    config_defaults(&e->cfg);
    str_copy(e->cfg.kiosk_code, sizeof e->cfg.kiosk_code, "LS01");
    str_copy(e->cfg.post_office, sizeof e->cfg.post_office, "Bưu điện tỉnh Lạng Sơn");
    str_copy(e->cfg.language, sizeof e->cfg.language, lang);
    e->cfg.clerk_timeout = 120;
    char err[256], spec[128];
    if (!config_prepare_home(&e->cfg, err, sizeof err))
        return false;
    snprintf(e->db_path, sizeof e->db_path, "%s/t.db", e->dir);
    if (store_open(e->db_path, &e->db, err, sizeof err) != PK_OK || !seed(e))
        return false;
    snprintf(spec, sizeof spec, "file:%s/receipts", e->dir);
    mkdir(spec + 5, 0700);
    if (printer_open(spec, "58mm", &e->pr, err, sizeof err) != PK_OK)
        return false;
    const char *build = getenv("BUILD");
    char locale[256];
    snprintf(locale, sizeof locale, "%s/locale", build && *build ? build : "build");
    i18n_init(locale);
    i18n_set_lang(lang);
    if (!term_init_headless(rows, cols))
        return false;
    app_init(&e->a, &e->cfg, e->db, e->pr);
    e->a.fixed_time = at(25, 9);
    e->a.now_ms = 1000000;
    e->a.last_input_ms = e->a.last_tick_ms = e->a.now_ms;
    clerk_attach(&e->a, &e->ui);
    app_start(&e->a, &screen_clerk_signin);
    app_render(&e->a);
    return true;
}

void csnap_close(csnap *e)
{
    app_free(&e->a);
    term_end();
    auth_wipe(&e->ui.auth);
    if (e->pr)
        printer_close(e->pr);
    store_close(e->db);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", e->dir);
    if (system(cmd) != 0)
        fprintf(stderr, "csnap: cannot remove %s\n", e->dir);
    /* later suites see the language as it was (strerror, msgids) */
    if (e->had_language)
        setenv("LANGUAGE", e->prev_language, 1);
    else
        unsetenv("LANGUAGE");
    textdomain(textdomain(NULL));
    if (e->had_tz)
        setenv("TZ", e->prev_tz, 1);
    else
        unsetenv("TZ");
    tzset();
}

static void render(csnap *e)
{
    if (e->a.dirty)
        app_render(&e->a);
}

void csnap_act(csnap *e, action act, int value)
{
    event ev = {.act = act, .value = value};
    if (act == ACT_CHOOSE)
        ev.ch = (uint32_t)('0' + value);
    app_feed(&e->a, &ev);
    render(e);
}

void csnap_key(csnap *e, term_key key)
{
    term_input in = {.kind = TI_KEY, .key = key};
    app_input(&e->a, &in);
    render(e);
}

void csnap_type(csnap *e, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        uint32_t cp;
        int n;
        if (*p < 0x80) { cp = *p; n = 1; }
        else if (*p < 0xE0) { cp = *p & 0x1F; n = 2; }
        else if (*p < 0xF0) { cp = *p & 0x0F; n = 3; }
        else { cp = *p & 0x07; n = 4; }
        for (int i = 1; i < n && p[i]; i++)
            cp = (cp << 6) | (p[i] & 0x3F);
        p += n;
        term_input in = {.kind = TI_CHAR, .cp = cp};
        app_input(&e->a, &in);
    }
    render(e);
}

void csnap_scan(csnap *e, const char *payload)
{
    event ev = {.act = ACT_SCAN};
    str_copy(ev.text, sizeof ev.text, payload);
    app_feed(&e->a, &ev);
    render(e);
}

void csnap_resize(csnap *e, int rows, int cols)
{
    term_resize(rows, cols);
    term_input in = {.kind = TI_RESIZE};
    app_input(&e->a, &in);
    render(e);
}

void csnap_wait(csnap *e, int seconds)
{
    for (int i = 0; i < seconds; i++) {
        e->a.fixed_time++;
        e->a.now_ms += 1000;
        app_tick(&e->a, e->a.now_ms);
    }
    render(e);
}

void csnap_sign_in(csnap *e)
{
    csnap_type(e, "nv01");
    csnap_key(e, TK_ENTER);
    csnap_type(e, "735102");
    csnap_key(e, TK_ENTER);
}

bool csnap_has(const char *needle)
{
    char *t = term_dump();
    bool ok = strstr(t, needle) != NULL;
    if (!ok)
        fprintf(stderr, "\ncsnap: \"%s\" not on screen:\n%s\n", needle, t);
    free(t);
    return ok;
}

bool csnap_lacks(const char *needle)
{
    char *t = term_dump();
    bool ok = strstr(t, needle) == NULL;
    if (!ok)
        fprintf(stderr, "\ncsnap: \"%s\" should not be on screen:\n%s\n", needle, t);
    free(t);
    return ok;
}

/* The audit head shown as "<seq> <16 hex>..." depends on the random PIN
 * salts and pepper (clerk rows are sealed into the chain): its digits are
 * masked, its place and sequence number stay checked. */
static void mask_audit_head(char *t)
{
    for (char *p = strstr(t, "..."); p; p = strstr(p + 3, "...")) {
        if (p - t < 17 || p[-17] != ' ')
            continue;
        bool hex = true;
        for (int i = 1; i <= 16; i++)
            hex = hex && strchr("0123456789abcdef", p[-i]) != NULL;
        if (hex)
            memset(p - 16, '#', 16);
    }
}

bool csnap_check(const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "tests/golden/%s.txt", name);
    char *now = term_dump();
    mask_audit_head(now);
    const char *upd = getenv("PK_SNAP_UPDATE");
    bool ok;
    if (upd && strcmp(upd, "1") == 0) {
        mkdir("tests/golden", 0755);
        FILE *f = fopen(path, "w");
        ok = f && fputs(now, f) >= 0;
        if (f)
            fclose(f);
    } else {
        FILE *f = fopen(path, "r");
        sbuf want = {0};
        char buf[4096];
        size_t n;
        while (f && (n = fread(buf, 1, sizeof buf, f)) > 0)
            sbuf_addn(&want, buf, n);
        if (f)
            fclose(f);
        ok = f && want.data && strcmp(want.data, now) == 0;
        if (!ok)
            fprintf(stderr, "\ncsnap: %s differs (make snapshots-update to accept):\n%s\n", path, now);
        sbuf_free(&want);
    }
    free(now);
    return ok;
}

const char *csnap_top(const csnap *e)
{
    const screen_ops *ops = app_top(&e->a);
    return ops ? ops->name : "";
}
