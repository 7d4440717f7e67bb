/* georepd: Verify's verdict from the two sides' digests. */
#pragma once

#include "gr-verify-digest.h"

G_BEGIN_DECLS

typedef struct {
  char *path;
  char *kind;   /* missing, size, checksum, type or unreadable */
  char *detail; /* what differs, for a person */
} GrMismatch;

typedef struct {
  guint files_checked;
  GPtrArray *mismatches; /* GrMismatch * */
  char *end;             /* the primary's listing: complete, scan-limit… */
  guint duration_ms;
} GrVerifyResult;

GrVerifyResult *gr_verify_result_new (void);
void gr_verify_result_free (GrVerifyResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrVerifyResult, gr_verify_result_free)

/* Compares @primary (GrFileDigest * with paths) with @secondary (the
 * same files in the same order, without paths). Files missing on both
 * sides count as checked and equal. */
GrVerifyResult *gr_verify_compare (GPtrArray *primary, GPtrArray *secondary);

/* The mismatches as a(sss) (path, kind, detail). */
GVariant *gr_verify_result_mismatches_to_variant (const GrVerifyResult *result);

G_END_DECLS
