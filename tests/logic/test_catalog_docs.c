/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The documents column of the procedure catalog (issue 15 item 4): a
 * legal name holding " / " keeps it (the gloss is after the last one); a
 * trailing "(nếu có)" / "(if any)" marks the paper optional and is not
 * kept, so the screens' own "(nếu có)" is never said twice. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "model.h"
#include "i18n.h"
#include "unit.h"

TEST(catalog_docs, read_docs, "4: ' / ' in a paper's name, '(nếu có)' once")
{
    char path[] = "/tmp/pkdocs.XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    FILE *f = fdopen(fd, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fprintf(f, "code,name_vi,name_en,agency,level,field_vi,field_en,bcci_submit,bcci_return,days,"
               "fee_vnd,in_person_required,reason_vi,reason_en,documents,source_or_estimate\n"
               "2.001195,Cấp đổi thẻ căn cước,ID card renewal,Công an,province,Căn cước,ID,yes,yes,"
               "7,30000,no,,,\"original:Thẻ căn cước / căn cước công dân đang dùng (nộp lại) / "
               "Your current ID card (handed in) | copy?:Giấy tờ về quyền sử dụng đất (nếu có) / "
               "Land-use right papers (if any) | original:Tờ khai (nếu có) / Form (if any) | "
               "copy:Ảnh chân dung\",ESTIMATE\n");
    CU_ASSERT_EQUAL_FATAL(fclose(f), 0);
    procedure *p = NULL;
    int n = 0;
    char err[256] = "";
    CU_ASSERT_EQUAL_FATAL(catalog_read_procedures(path, &p, &n, NULL, err, sizeof err), PK_OK);
    CU_ASSERT_EQUAL_FATAL(n, 1);
    CU_ASSERT_EQUAL_FATAL(p[0].ndocs, 4);
    CU_ASSERT_STRING_EQUAL(p[0].docs[0].name_vi, "Thẻ căn cước / căn cước công dân đang dùng (nộp lại)");
    CU_ASSERT_STRING_EQUAL(p[0].docs[0].name_en, "Your current ID card (handed in)");
    CU_ASSERT_TRUE(p[0].docs[0].required);
    CU_ASSERT_STRING_EQUAL(p[0].docs[1].name_vi, "Giấy tờ về quyền sử dụng đất");
    CU_ASSERT_STRING_EQUAL(p[0].docs[1].name_en, "Land-use right papers");
    CU_ASSERT_FALSE(p[0].docs[1].required);
    CU_ASSERT_STRING_EQUAL(p[0].docs[2].name_vi, "Tờ khai");    /* "(nếu có)": optional */
    CU_ASSERT_FALSE(p[0].docs[2].required);
    CU_ASSERT_STRING_EQUAL(p[0].docs[3].name_vi, "Ảnh chân dung");
    CU_ASSERT_STRING_EQUAL(p[0].docs[3].name_en, "");
    free(p);
    unlink(path);
}

/* Every paper of the shipped catalog: no "(nếu có)" left at the end of a
 * name, and no gloss that still holds a Vietnamese name. */
TEST(catalog_docs, shipped_catalog, "4: the shipped catalog's papers")
{
    procedure *p = NULL;
    int n = 0;
    char err[256] = "";
    CU_ASSERT_EQUAL_FATAL(catalog_read_procedures("data/procedures.csv", &p, &n, NULL, err, sizeof err), PK_OK);
    for (int i = 0; i < n; i++)
        for (int k = 0; k < p[i].ndocs; k++) {
            const char *vi = p[i].docs[k].name_vi, *en = p[i].docs[k].name_en;
            size_t l = strlen(vi);
            CU_ASSERT(l < strlen("(nếu có)") || strcmp(vi + l - strlen("(nếu có)"), "(nếu có)") != 0);
            CU_ASSERT_PTR_NULL(strstr(en, " / "));
            CU_ASSERT_PTR_NULL(strstr(en, "căn cước"));
        }
    free(p);
}


/* The kind of a paper is said once: "Bản sao chứng thực ..." needs no
 * "Bản sao:" before it, "Copy of ..." no "Copy:" (walk-through: the
 * documents screen, the receipt and the clerk's dossier repeated it). */
TEST(catalog_docs, kind_said_once, "a paper's kind label is left out when its name begins with it (vi, en)")
{
    const char *vi = "Bản sao giấy khai sinh", *en = "Copy of the birth certificate";
    char was[8];
    snprintf(was, sizeof was, "%s", i18n_lang());
    i18n_set_lang("vi");
    CU_ASSERT_PTR_NULL(catalog_doc_kind(DOC_COPY, true, vi, en));
    CU_ASSERT_PTR_NULL(catalog_doc_kind(DOC_COPY, false, vi, en));
    CU_ASSERT_PTR_NULL(catalog_doc_kind(DOC_COPY, true, "BẢN SAO chứng thực", ""));
    CU_ASSERT_STRING_EQUAL(catalog_doc_kind(DOC_COPY, true, "Giấy khai sinh", "Birth certificate"),
                           "Bản sao");
    CU_ASSERT_STRING_EQUAL(catalog_doc_kind(DOC_COPY, false, "Giấy khai sinh", ""), "bản sao");
    /* the name says copy, the list asks for the original: both are said */
    CU_ASSERT_STRING_EQUAL(catalog_doc_kind(DOC_ORIGINAL, true, vi, en), "Bản chính");
    CU_ASSERT_PTR_NULL(catalog_doc_kind(DOC_ORIGINAL, false, "Bản chính giấy khai sinh", ""));
    i18n_set_lang("en");
    CU_ASSERT_PTR_NULL(catalog_doc_kind(DOC_COPY, true, vi, en));
    CU_ASSERT_PTR_NULL(catalog_doc_kind(DOC_COPY, false, vi, en));
    /* an English reader reads the gloss: "Certified copy of ..." does not
     * begin with the kind, and a name without a gloss keeps it */
    CU_ASSERT_STRING_EQUAL(catalog_doc_kind(DOC_COPY, true, "Bản sao chứng thực",
                                            "Certified copy of the ID"), "Copy");
    CU_ASSERT_STRING_EQUAL(catalog_doc_kind(DOC_COPY, false, "Giấy khai sinh", ""), "copy");
    CU_ASSERT_STRING_EQUAL(catalog_doc_kind(DOC_ORIGINAL, true, "Bản chính giấy khai sinh", ""),
                           "Original");
    CU_ASSERT_PTR_NULL(catalog_doc_kind(DOC_ORIGINAL, true, "", "Original birth certificate"));
    i18n_set_lang(was);
}

static int setup(void)
{
    setenv("LANG", "C.UTF-8", 1);
    return i18n_init(NULL) ? 0 : 1;   /* the catalogs of build/ (kind_said_once) */
}

SUITE(catalog_docs, setup, NULL);
