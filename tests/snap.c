/* Headless snapshot harness: see snap.h. */
#include "snap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "store_lookup.h"
#include "util.h"

static procedure proc(const char *code, const char *vi, const char *en, const char *field,
                      const char *agency, bool submit, bool ret, int days, long long fee)
{
    procedure p;
    memset(&p, 0, sizeof p);
    str_copy(p.code, sizeof p.code, code);
    str_copy(p.name_vi, sizeof p.name_vi, vi);
    str_copy(p.name_en, sizeof p.name_en, en);
    str_copy(p.agency, sizeof p.agency, agency);
    str_copy(p.level, sizeof p.level, "commune");
    str_copy(p.field_vi, sizeof p.field_vi, field);
    str_copy(p.field_en, sizeof p.field_en, field);
    p.bcci_submit = submit;
    p.bcci_return = ret;
    p.in_person = !submit && !ret;
    p.days = days;
    p.fee_vnd = fee;
    str_copy(p.provenance, sizeof p.provenance, "ESTIMATE: test fixture");
    return p;
}

static void doc(procedure *p, const char *vi, const char *en, doc_kind k, bool req)
{
    proc_doc *d = &p->docs[p->ndocs];
    d->seq = p->ndocs + 1;
    str_copy(d->name_vi, sizeof d->name_vi, vi);
    str_copy(d->name_en, sizeof d->name_en, en);
    d->kind = k;
    d->required = req;
    p->ndocs++;
}

static bool seed(store *db)
{
    procedure ps[3];
    ps[0] = proc("1.001193", "Đăng ký khai sinh", "Birth registration", "Hộ tịch", "UBND cấp xã",
                 true, true, 3, 0);
    doc(&ps[0], "Tờ khai đăng ký khai sinh", "Birth registration form", DOC_ORIGINAL, true);
    doc(&ps[0], "Giấy chứng sinh", "Birth certificate from the hospital", DOC_ORIGINAL, true);
    doc(&ps[0], "Giấy chứng nhận kết hôn của cha mẹ", "Parents' marriage certificate", DOC_COPY,
        false);
    ps[1] = proc("2.000488", "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
                 "Criminal record certificate for Vietnamese citizens", "Lý lịch tư pháp",
                 "Công an tỉnh Lạng Sơn", true, true, 10, 200000);
    doc(&ps[1], "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp", "Request form", DOC_ORIGINAL, true);
    doc(&ps[1], "Bản chụp thẻ căn cước", "Copy of the ID card", DOC_COPY, true);
    ps[2] = proc("1.000894", "Đăng ký kết hôn", "Marriage registration", "Hộ tịch", "UBND cấp xã",
                 false, false, 5, 0);
    str_copy(ps[2].reason_vi, sizeof ps[2].reason_vi,
             "Hai bên nam, nữ phải cùng có mặt khi đăng ký kết hôn. Vui lòng đến UBND cấp xã.");
    str_copy(ps[2].reason_en, sizeof ps[2].reason_en,
             "Both partners must be present to register a marriage. Please go to the commune People's Committee.");
    if (store_procedures_replace(db, ps, 3) != PK_OK)
        return false;
    admin_unit us[4] = {
        {1, "Lạng Sơn", "phường", "Đông Kinh"},
        {2, "Lạng Sơn", "phường", "Kỳ Lừa"},
        {3, "Lạng Sơn", "xã", "Cao Lộc"},
        {4, "Lạng Sơn", "xã", "Đồng Đăng"},
    };
    if (store_units_replace(db, us, 4) != PK_OK)
        return false;
    holiday h[1] = {{"2026-12-01", 'H', "Ngày nghỉ thử"}};
    if (store_holidays_replace(db, h, 1) != PK_OK)
        return false;
    tariff t[3] = {
        {FORM_SEND, "province", 24000, 2},
        {FORM_RETURN, "province", 24000, 2},
        {FORM_BOTH, "province", 48000, 2},
    };
    return store_tariffs_replace(db, t, 3) == PK_OK;
}

static int64_t frozen_time(void)
{
    struct tm tm = {0};
    tm.tm_year = 2026 - 1900;
    tm.tm_mon = 10;      /* November */
    tm.tm_mday = 25;
    tm.tm_hour = 9;
    tm.tm_isdst = -1;
    return (int64_t)mktime(&tm);
}

bool snap_open(snap_env *e, int rows, int cols, const char *lang)
{
    memset(e, 0, sizeof *e);
    snprintf(e->dir, sizeof e->dir, "/tmp/pksnap.XXXXXX");
    if (!mkdtemp(e->dir))
        return false;
    setenv("POSTKIOSK_HOME", e->dir, 1);
    unsetenv("POSTKIOSK_IDLE");
    unsetenv("POSTKIOSK_CLOCK");
    config_defaults(&e->cfg);
    str_copy(e->cfg.kiosk_code, sizeof e->cfg.kiosk_code, "LS01");
    str_copy(e->cfg.post_office, sizeof e->cfg.post_office, "Bưu điện tỉnh Lạng Sơn");
    str_copy(e->cfg.s10_prefix, sizeof e->cfg.s10_prefix, "RA");
    str_copy(e->cfg.scope, sizeof e->cfg.scope, "province");
    str_copy(e->cfg.language, sizeof e->cfg.language, lang);   /* a wipe returns to it */
    e->cfg.hotline[0] = '\0';
    e->cfg.idle_timeout = 90;
    e->cfg.idle_warning = 20;
    char err[256], db_path[128], spec[128];
    if (!config_prepare_home(&e->cfg, err, sizeof err))
        return false;
    snprintf(db_path, sizeof db_path, "%s/t.db", e->dir);
    if (store_open(db_path, &e->db, err, sizeof err) != PK_OK || !seed(e->db))
        return false;
    /* the staff PIN, hashed in the database as `postkiosk staff-pin set` does */
    unsigned char pepper[AUTH_PEPPER_BYTES];
    memset(pepper, 0x5a, sizeof pepper);
    auth_set_pepper(&e->auth, pepper, sizeof pepper);
    e->auth.cost = AUTH_COST_MIN;
    char hash[AUTH_HASH_MAX];
    if (auth_pin_hash(&e->auth, SNAP_STAFF_PIN, hash) != PK_OK ||
        store_staff_pin_set(e->db, hash, "install", frozen_time()) != PK_OK)
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
    e->a.lockdown = true;
    e->a.auth = &e->auth;
    e->a.fixed_time = frozen_time();
    e->a.now_ms = 1000000;
    e->a.last_input_ms = e->a.last_tick_ms = e->a.now_ms;
    citizen_attach(&e->a, &e->cz);
    app_start(&e->a, &screen_welcome);
    app_render(&e->a);
    return true;
}

void snap_close(snap_env *e)
{
    app_free(&e->a);
    term_end();
    if (e->pr)
        printer_close(e->pr);
    store_close(e->db);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", e->dir);
    if (system(cmd) != 0)
        fprintf(stderr, "snap: cannot remove %s\n", e->dir);
    i18n_set_lang("vi");
}

static void render(snap_env *e)
{
    if (e->a.dirty)
        app_render(&e->a);
}

void snap_act(snap_env *e, action act, int value)
{
    event ev = {.act = act, .value = value};
    if (act == ACT_CHOOSE)
        ev.ch = (uint32_t)('0' + value);
    app_feed(&e->a, &ev);
    render(e);
}

void snap_key(snap_env *e, term_key key)
{
    term_input in = {.kind = TI_KEY, .key = key};
    app_input(&e->a, &in);
    render(e);
}

void snap_ctrl(snap_env *e, unsigned ch)
{
    term_input in = {.kind = TI_CTRL, .cp = ch};
    app_input(&e->a, &in);
    render(e);
}

void snap_type(snap_env *e, const char *s)
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

void snap_click(snap_env *e, int y, int x)
{
    term_input in = {.kind = TI_MOUSE, .y = y, .x = x};
    app_input(&e->a, &in);
    render(e);
}

void snap_resize(snap_env *e, int rows, int cols)
{
    term_resize(rows, cols);
    term_input in = {.kind = TI_RESIZE};
    app_input(&e->a, &in);
    render(e);
}

void snap_wait(snap_env *e, int ms)
{
    /* in steps of a second, as the loop ticks */
    for (int t = 0; t < ms; t += 1000) {
        e->a.now_ms += ms - t < 1000 ? ms - t : 1000;
        app_tick(&e->a, e->a.now_ms);
    }
    render(e);
}

char *snap_text(void)
{
    return term_dump();
}

bool snap_has(const char *needle)
{
    char *t = term_dump();
    bool ok = strstr(t, needle) != NULL;
    if (!ok)
        fprintf(stderr, "\nsnap: \"%s\" not on screen:\n%s\n", needle, t);
    free(t);
    return ok;
}

bool snap_lacks(const char *needle)
{
    char *t = term_dump();
    bool ok = strstr(t, needle) == NULL;
    if (!ok)
        fprintf(stderr, "\nsnap: \"%s\" should not be on screen:\n%s\n", needle, t);
    free(t);
    return ok;
}

const char *snap_top(const snap_env *e)
{
    const screen_ops *ops = app_top(&e->a);
    return ops ? ops->name : "";
}

bool snap_check(const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "tests/golden/%s.txt", name);
    char *now = term_dump();
    const char *upd = getenv("PK_SNAP_UPDATE");
    if (upd && *upd == '1') {
        FILE *f = fopen(path, "w");
        bool ok = f && fputs(now, f) >= 0;
        if (f)
            fclose(f);
        free(now);
        return ok;
    }
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "\nsnap: missing %s (run make snapshots-update); screen:\n%s\n", path, now);
        free(now);
        return false;
    }
    sbuf want = {0};
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sbuf_addn(&want, buf, n);
    fclose(f);
    bool ok = want.data && strcmp(want.data, now) == 0;
    if (!ok)
        fprintf(stderr, "\nsnap: %s differs.\n--- expected\n%s--- actual\n%s", path,
                want.data ? want.data : "", now);
    sbuf_free(&want);
    free(now);
    return ok;
}
