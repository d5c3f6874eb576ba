/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The fixed Vietnamese receipt of the golden test (tests/print/
 * test_receipt_golden.c) and of the receipt benchmark (bench/
 * bench_receipt.c), in one place so that the benchmark times exactly the
 * receipt whose bytes the golden files hold.
 *
 * rf_receipt(ri, 0) is the golden dossier. n > 0 gives the n-th citizen of
 * the same day: another reference, S10, applicant, masked ID and QR code
 * of the same lengths, so that a benchmark renders a new dossier each time
 * and nothing a dossier alone prints can come from a cache. */
#ifndef PK_RECEIPT_FIXTURE_H
#define PK_RECEIPT_FIXTURE_H

#include <stdio.h>
#include <string.h>

#include "receipt.h"
#include "util.h"

static inline void rf_receipt(receipt_info *ri, unsigned n)
{
    static const char *const applicants[] = {"Nguyễn V. A.", "Trần T. B.", "Lê Đ. C.",
                                             "Phạm H. D.", "Hoàng T. Ê.", "Vũ Q. G."};
    memset(ri, 0, sizeof *ri);
    str_copy(ri->lang, sizeof ri->lang, "vi");
    str_copy(ri->post_office, sizeof ri->post_office, "Bưu điện văn hóa xã Chi Lăng");
    str_copy(ri->kiosk_code, sizeof ri->kiosk_code, "LS01");
    unsigned k = 42 + n % 900000;
    ri->issued_at = 1764057600 + (int64_t)(n % 36000);
    snprintf(ri->ref, sizeof ri->ref, "LS01-2611-%06u", k);
    /* S10: the check digit of RA123456785VN; others need not check */
    if (n == 0)
        str_copy(ri->s10, sizeof ri->s10, "RA123456785VN");
    else
        snprintf(ri->s10, sizeof ri->s10, "RA%08u0VN", 12345678u + n % 80000000u);
    str_copy(ri->proc_name, sizeof ri->proc_name,
             "Đăng ký khai sinh kết hợp nhận cha, mẹ, con và cấp bản sao trích lục hộ tịch");
    str_copy(ri->proc_code, sizeof ri->proc_code, "1.001193.000.00.00.H35");
    str_copy(ri->agency, sizeof ri->agency, "UBND cấp xã (Tư pháp - hộ tịch)");
    ri->form = FORM_BOTH;
    str_copy(ri->applicant, sizeof ri->applicant, applicants[n % 6]);
    snprintf(ri->id_masked, sizeof ri->id_masked, "********%04u", (1234 + n * 7) % 10000);
    ri->ndocs = 3;
    str_copy(ri->docs[0].name, sizeof ri->docs[0].name, "Tờ khai đăng ký khai sinh");
    str_copy(ri->docs[1].name, sizeof ri->docs[1].name, "Giấy chứng sinh");
    ri->docs[1].kind = DOC_COPY;
    str_copy(ri->docs[2].name, sizeof ri->docs[2].name, "Văn bản ủy quyền (nếu có)");
    ri->fee_proc = 8000;
    ri->fee_post = 25000;
    ri->fee_total = 33000;
    str_copy(ri->expected_date, sizeof ri->expected_date, "2026-12-10");
    str_copy(ri->hotline, sizeof ri->hotline, "1900 54 54 81");
    /* the MAC part: 26 base-32 letters, a rotation of the alphabet */
    static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    char mac[27];
    for (int i = 0; i < 26; i++)
        mac[i] = b32[(i + n) % 32];
    mac[26] = '\0';
    snprintf(ri->qr, sizeof ri->qr, "VNK1.%s.%lld.%s", ri->ref, (long long)ri->issued_at, mac);
}

#endif
