/* georepd: Verify's verdict (gr-verify-compare.h). */
#include "gr-verify-compare.h"

static void
mismatch_free (GrMismatch *mismatch)
{
  g_free (mismatch->path);
  g_free (mismatch->kind);
  g_free (mismatch->detail);
  g_free (mismatch);
}

GrVerifyResult *
gr_verify_result_new (void)
{
  GrVerifyResult *result = g_new0 (GrVerifyResult, 1);

  result->mismatches =
      g_ptr_array_new_with_free_func ((GDestroyNotify) mismatch_free);
  return result;
}

void
gr_verify_result_free (GrVerifyResult *result)
{
  if (result == NULL)
    return;
  g_ptr_array_unref (result->mismatches);
  g_free (result->end);
  g_free (result);
}

static void
add_mismatch (GrVerifyResult *result,
              const char *path,
              const char *kind,
              char *detail)
{
  GrMismatch *mismatch = g_new0 (GrMismatch, 1);

  mismatch->path = g_strdup (path);
  mismatch->kind = g_strdup (kind);
  mismatch->detail = detail;
  g_ptr_array_add (result->mismatches, mismatch);
}

/* The kind of difference between two entries of one path when both are
 * there and readable, NULL when they are equal; *@detail says how. */
static const char *
content_difference (const GrFileDigest *p, const GrFileDigest *s, char **detail)
{
  if (p->kind != s->kind)
    {
      *detail = g_strdup_printf ("a %s on the primary, a %s on the secondary",
                                 gr_file_kind_to_string (p->kind),
                                 gr_file_kind_to_string (s->kind));
      return "type";
    }
  if (p->size != s->size)
    {
      *detail = g_strdup_printf ("%" G_GUINT64_FORMAT " bytes on the primary, "
                                 "%" G_GUINT64_FORMAT " on the secondary",
                                 p->size, s->size);
      return "size";
    }
  if (g_strcmp0 (p->digest, s->digest) != 0)
    {
      *detail = g_strdup ("same size, different contents (SHA-256)");
      return "checksum";
    }
  return NULL;
}

static const char *
difference (const GrFileDigest *p, const GrFileDigest *s, char **detail)
{
  if (p->kind == GR_FILE_KIND_UNREADABLE || s->kind == GR_FILE_KIND_UNREADABLE)
    {
      *detail = g_strdup_printf (
          "could not be read on the %s",
          p->kind == GR_FILE_KIND_UNREADABLE ? "primary" : "secondary");
      return "unreadable";
    }
  if (s->kind == GR_FILE_KIND_MISSING || p->kind == GR_FILE_KIND_MISSING)
    {
      *detail =
          g_strdup (s->kind == GR_FILE_KIND_MISSING ? "not on the secondary"
                                                    : "on the secondary only");
      return "missing";
    }
  return content_difference (p, s, detail);
}

static void
compare_one (GrVerifyResult *result,
             const GrFileDigest *p,
             const GrFileDigest *s)
{
  char *detail = NULL;
  const char *kind;

  result->files_checked++;
  if (p->kind == GR_FILE_KIND_MISSING && s->kind == GR_FILE_KIND_MISSING)
    return;
  kind = difference (p, s, &detail);
  if (kind != NULL)
    add_mismatch (result, p->path, kind, detail);
}

GrVerifyResult *
gr_verify_compare (GPtrArray *primary, GPtrArray *secondary)
{
  GrVerifyResult *result = gr_verify_result_new ();

  for (guint i = 0; i < primary->len; i++)
    {
      const GrFileDigest *p = primary->pdata[i];

      if (i < secondary->len)
        compare_one (result, p, secondary->pdata[i]);
      else
        {
          result->files_checked++;
          add_mismatch (result, p->path, "unreadable",
                        g_strdup ("the secondary gave no answer for it"));
        }
    }
  return result;
}

GVariant *
gr_verify_result_mismatches_to_variant (const GrVerifyResult *result)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sss)"));
  for (guint i = 0; i < result->mismatches->len; i++)
    {
      const GrMismatch *m = result->mismatches->pdata[i];

      g_variant_builder_add (&builder, "(sss)", m->path, m->kind, m->detail);
    }
  return g_variant_builder_end (&builder);
}
