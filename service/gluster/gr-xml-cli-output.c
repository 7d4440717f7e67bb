/* georepd: one pass over a cliOutput document with libxml2's SAX2
 * interface through gr-xml-core.h (see gr-xml-cli-output.h).
 *
 * Open elements are a stack of frames, as deep as the reader lets a
 * document be. The text of every element that wants it goes into one
 * GString: a frame remembers where its text starts, a child's text is
 * appended after it and cut off again when the child ends, so the
 * parent's pieces join up as they do in a DOM text node. */
#include "gr-error.h"
#include "gr-xml-cli-output.h"
#include "gr-xml-core.h"
#include "gr-xml-values.h"

typedef struct {
  guint kind;
  gboolean text;
  gsize text_start;
  guint64 first_met; /* kinds of children taken under their new name */
  guint64 old_met;   /* kinds of children taken under their old name */
} GrXmlFrame;

typedef struct {
  GrXmlSchema *schema;
  gpointer parser;
  GrXmlFrame frames[GR_XML_MAX_DEPTH + 1]; /* the document, then elements */
  guint depth;
  GString *text;
  GrCliStatus envelope;
  gboolean section_met;
} GrXmlSax;

static const GrXmlRule envelope_rules[] = {
  { GR_XML_DOCUMENT, "cliOutput", GR_XML_CLI_OUTPUT, GR_XML_FIRST },
  { GR_XML_CLI_OUTPUT, "opRet", GR_XML_OP_RET, GR_XML_FIRST, TRUE },
  { GR_XML_CLI_OUTPUT, "opErrno", GR_XML_OP_ERRNO, GR_XML_FIRST, TRUE },
  { GR_XML_CLI_OUTPUT, "opErrstr", GR_XML_OP_ERRSTR, GR_XML_FIRST, TRUE },
};

static void
add_rule (GrXmlSchema *schema, const GrXmlRule *rule)
{
  g_assert (rule->parent < GR_XML_SAX_MAX_KINDS &&
            rule->kind < GR_XML_SAX_MAX_KINDS);
  if (rule->name == NULL)
    {
      schema->any_child[rule->parent] = rule;
      return;
    }
  if (schema->children[rule->parent] == NULL)
    schema->children[rule->parent] = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (schema->children[rule->parent], (gpointer) rule->name,
                       (gpointer) rule);
}

/* The tables live as long as the process, like the rules they index. */
static void
prepare (GrXmlSchema *schema)
{
  if (g_once_init_enter (&schema->ready))
    {
      for (guint i = 0; i < G_N_ELEMENTS (envelope_rules); i++)
        add_rule (schema, &envelope_rules[i]);
      for (guint i = 0; i < schema->n_rules; i++)
        add_rule (schema, &schema->rules[i]);
      g_once_init_leave (&schema->ready, 1);
    }
}

static GrXmlFrame *
innermost (GrXmlSax *sax)
{
  return &sax->frames[sax->depth - 1];
}

/* The rule for a child called @name of @parent, NULL when it is not
 * wanted or not the one GR_XML_FIRST / GR_XML_FIRST_OLD counts. */
static const GrXmlRule *
find_rule (GrXmlSax *sax, GrXmlFrame *parent, const char *name)
{
  GHashTable *children = sax->schema->children[parent->kind];
  const GrXmlRule *rule =
      children ? g_hash_table_lookup (children, name) : NULL;
  guint64 bit;

  if (rule == NULL)
    rule = sax->schema->any_child[parent->kind];
  if (rule == NULL || rule->occurs == GR_XML_EACH)
    return rule;
  bit = G_GUINT64_CONSTANT (1) << rule->kind;
  if (parent->first_met & bit)
    return NULL;
  if (rule->occurs == GR_XML_FIRST)
    parent->first_met |= bit;
  else if (parent->old_met & bit)
    return NULL;
  else
    parent->old_met |= bit;
  return rule;
}

static void
on_start (gpointer data, const char *name, GError **error)
{
  GrXmlSax *sax = data;
  GrXmlFrame *parent = innermost (sax);
  GrXmlFrame *frame = &sax->frames[sax->depth];
  const GrXmlRule *rule = NULL;

  if (parent->kind != GR_XML_SKIPPED)
    rule = find_rule (sax, parent, name);
  if (rule == NULL && parent->kind == GR_XML_DOCUMENT)
    {
      g_set_error_literal (
          error, GR_ERROR, GR_ERROR_FAILED,
          "Unexpected gluster output: the root element is not <cliOutput>");
      return;
    }
  *frame = (GrXmlFrame){ GR_XML_SKIPPED };
  if (rule != NULL)
    {
      frame->kind = rule->kind;
      frame->text = rule->text;
      frame->text_start = sax->text->len;
    }
  sax->depth++;
  if (frame->kind == sax->schema->section)
    sax->section_met = TRUE;
  if (frame->kind >= GR_XML_FIRST_KIND && sax->schema->start != NULL)
    sax->schema->start (sax->parser, frame->kind);
}

static void
on_text (gpointer data, const char *text, gsize len)
{
  GrXmlSax *sax = data;

  if (innermost (sax)->text)
    g_string_append_len (sax->text, text, (gssize) len);
}

static void
end_envelope (GrXmlSax *sax, guint kind, char *text, GError **error)
{
  GrCliStatus *envelope = &sax->envelope;

  if (kind == GR_XML_OP_ERRSTR)
    gr_xml_sax_set (&envelope->op_errstr, text);
  else if (kind == GR_XML_OP_RET)
    gr_xml_parse_op_int ("opRet", text, &envelope->op_ret, error);
  else if (kind == GR_XML_OP_ERRNO)
    gr_xml_parse_op_int ("opErrno", text, &envelope->op_errno, error);
}

/* The text from @start without the white space around it, stripped in
 * place: g_strstrip() would measure it and move it to @start. */
static char *
strip_from (GString *text, gsize start)
{
  char *begin = text->str + start;
  char *end = text->str + text->len;

  while (begin < end && g_ascii_isspace (*begin))
    begin++;
  while (end > begin && g_ascii_isspace (end[-1]))
    end--;
  *end = '\0';
  return begin;
}

static void
on_end (gpointer data, const char *name, GError **error)
{
  GrXmlSax *sax = data;
  GrXmlFrame frame = *innermost (sax);
  char *text = NULL;

  sax->depth--;
  if (frame.text)
    text = strip_from (sax->text, frame.text_start);
  if (frame.kind >= GR_XML_FIRST_KIND)
    sax->schema->end (sax->parser, frame.kind, name, text);
  else if (frame.kind != GR_XML_SKIPPED)
    end_envelope (sax, frame.kind, text, error);
  if (frame.text)
    g_string_truncate (sax->text, frame.text_start);
}

static const GrXmlReaderCallbacks callbacks = {
  on_start,
  on_end,
  on_text,
};

static const char *
section_name (const GrXmlSchema *schema)
{
  for (guint i = 0; i < schema->n_rules; i++)
    if (schema->rules[i].kind == schema->section)
      return schema->rules[i].name;
  return "data";
}

static gboolean
run (GrXmlSax *sax, const char *data, gsize len, GError **error)
{
  sax->frames[0] = (GrXmlFrame){ GR_XML_DOCUMENT };
  sax->depth = 1;
  sax->text = g_string_sized_new (256);
  if (!gr_xml_reader_parse (&callbacks, data, len, sax, error))
    return FALSE;
  if (!sax->section_met && sax->envelope.op_ret == 0)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
                   "Unexpected gluster output: no <%s>",
                   section_name (sax->schema));
      return FALSE;
    }
  return TRUE;
}

/* Hands the envelope over, or clears it when the parse failed. */
static void
give_envelope (GrXmlSax *sax, gboolean ok, GrCliStatus *envelope)
{
  if (!ok)
    gr_cli_status_clear (&sax->envelope);
  else if (sax->envelope.op_errstr == NULL)
    sax->envelope.op_errstr = g_strdup ("");
  if (envelope != NULL)
    *envelope = sax->envelope;
  else
    gr_cli_status_clear (&sax->envelope);
}

gboolean
gr_xml_sax_parse (GrXmlSchema *schema,
                  const char *data,
                  gsize len,
                  gpointer parser,
                  GrCliStatus *envelope,
                  GError **error)
{
  /* Off the stack: the frames take 8 KiB, and a thread may parse. */
  g_autofree GrXmlSax *sax = g_new0 (GrXmlSax, 1);
  gboolean ok;

  prepare (schema);
  sax->schema = schema;
  sax->parser = parser;
  ok = run (sax, data, len, error);
  g_string_free (sax->text, TRUE);
  give_envelope (sax, ok, envelope);
  return ok;
}

void
gr_xml_sax_set (char **field, const char *text)
{
  g_free (*field);
  *field = g_strdup (text);
}

/* No rules of its own: the root is its section, so that no more than
 * the envelope is asked for. */
static GrXmlSchema envelope_only = {
  .section = GR_XML_CLI_OUTPUT,
};

gboolean
gr_xml_cli_status (const char *data,
                   gsize len,
                   GrCliStatus *status,
                   GError **error)
{
  return gr_xml_sax_parse (&envelope_only, data, len, NULL, status, error);
}

void
gr_cli_status_clear (GrCliStatus *status)
{
  g_clear_pointer (&status->op_errstr, g_free);
  status->op_ret = 0;
  status->op_errno = 0;
}
