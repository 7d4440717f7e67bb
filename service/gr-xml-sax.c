/* georepd: one pass over a cliOutput document with libxml2's SAX2
 * interface (see gr-xml-sax.h).
 *
 * Open elements are a stack of frames. The text of every element that
 * wants it goes into one GString: a frame remembers where its text
 * starts, a child's text is appended after it and cut off again when
 * the child ends, so the parent's pieces join up as they do in a DOM
 * text node. */
#include "gr-error.h"
#include "gr-xml-guard.h"
#include "gr-xml-sax.h"

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
  xmlParserCtxt *ctxt;
  GrXmlFrame *frames; /* the innermost last */
  guint depth;
  guint capacity;
  GString *text;
  GrCliStatus envelope;
  gboolean section_met;
  GError *error;
} GrXmlSax;

static const GrXmlRule envelope_rules[] = {
  { GR_XML_DOCUMENT, "cliOutput", GR_XML_CLI_OUTPUT, GR_XML_FIRST },
  { GR_XML_CLI_OUTPUT, "opRet", GR_XML_OP_RET, GR_XML_FIRST, TRUE },
  { GR_XML_CLI_OUTPUT, "opErrno", GR_XML_OP_ERRNO, GR_XML_FIRST, TRUE },
  { GR_XML_CLI_OUTPUT, "opErrstr", GR_XML_OP_ERRSTR, GR_XML_FIRST, TRUE },
};

static void
add_rules (GrXmlSchema *schema, const GrXmlRule *rules, guint n_rules)
{
  for (guint i = 0; i < n_rules; i++)
    {
      const GrXmlRule *rule = &rules[i];

      g_assert (rule->parent < GR_XML_SAX_MAX_KINDS &&
                rule->kind < GR_XML_SAX_MAX_KINDS);
      if (schema->children[rule->parent] == NULL)
        schema->children[rule->parent] =
            g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_insert (schema->children[rule->parent],
                           (gpointer) rule->name, (gpointer) rule);
    }
}

/* The tables live as long as the process, like the rules they index. */
static void
prepare (GrXmlSchema *schema)
{
  if (g_once_init_enter (&schema->ready))
    {
      add_rules (schema, envelope_rules, G_N_ELEMENTS (envelope_rules));
      add_rules (schema, schema->rules, schema->n_rules);
      g_once_init_leave (&schema->ready, 1);
    }
}

static GrXmlSax *
sax_of (void *ctx)
{
  xmlParserCtxt *ctxt = ctx;
  GrXmlGuard *guard = ctxt->_private;

  return guard->user_data;
}

static GrXmlFrame *
innermost (GrXmlSax *sax)
{
  return &sax->frames[sax->depth - 1];
}

/* libxml2 bounds the depth (256 without XML_PARSE_HUGE), so the stack
 * grows a few times at most in a parse. */
static void
push (GrXmlSax *sax, const GrXmlFrame *frame)
{
  if (sax->depth == sax->capacity)
    {
      sax->capacity = MAX (16, sax->capacity * 2);
      sax->frames = g_renew (GrXmlFrame, sax->frames, sax->capacity);
    }
  sax->frames[sax->depth++] = *frame;
}

static void
refuse_root (GrXmlSax *sax)
{
  g_set_error_literal (
      &sax->error, GR_ERROR, GR_ERROR_FAILED,
      "Unexpected gluster output: the root element is not <cliOutput>");
  xmlStopParser (sax->ctxt);
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
on_start (void *ctx,
          const xmlChar *localname,
          const xmlChar *prefix,
          const xmlChar *uri,
          int n_namespaces,
          const xmlChar **namespaces,
          int n_attributes,
          int n_defaulted,
          const xmlChar **attributes)
{
  GrXmlSax *sax = sax_of (ctx);
  GrXmlFrame *parent = innermost (sax);
  GrXmlFrame frame = { GR_XML_SKIPPED };
  const GrXmlRule *rule = NULL;

  if (parent->kind != GR_XML_SKIPPED)
    rule = find_rule (sax, parent, (const char *) localname);
  if (rule == NULL && parent->kind == GR_XML_DOCUMENT)
    refuse_root (sax);
  if (rule != NULL)
    {
      frame.kind = rule->kind;
      frame.text = rule->text;
      frame.text_start = sax->text->len;
    }
  push (sax, &frame);
  if (frame.kind == sax->schema->section)
    sax->section_met = TRUE;
  if (frame.kind >= GR_XML_FIRST_KIND)
    sax->schema->start (sax->parser, frame.kind);
}

static void
on_text (void *ctx, const xmlChar *text, int len)
{
  GrXmlSax *sax = sax_of (ctx);

  if (innermost (sax)->text)
    g_string_append_len (sax->text, (const char *) text, len);
}

static void
end_envelope (GrXmlSax *sax, guint kind, char *text)
{
  GrCliStatus *envelope = &sax->envelope;

  if (kind == GR_XML_OP_ERRSTR)
    gr_xml_sax_set (&envelope->op_errstr, text);
  else if (kind == GR_XML_OP_RET &&
           !gr_xml_parse_op_int ("opRet", text, &envelope->op_ret, &sax->error))
    xmlStopParser (sax->ctxt);
  else if (kind == GR_XML_OP_ERRNO &&
           !gr_xml_parse_op_int ("opErrno", text, &envelope->op_errno,
                                 &sax->error))
    xmlStopParser (sax->ctxt);
}

static void
on_end (void *ctx,
        const xmlChar *localname,
        const xmlChar *prefix,
        const xmlChar *uri)
{
  GrXmlSax *sax = sax_of (ctx);
  GrXmlFrame frame = *innermost (sax);
  char *text = NULL;

  sax->depth--;
  if (frame.text)
    text = g_strstrip (sax->text->str + frame.text_start);
  if (frame.kind >= GR_XML_FIRST_KIND)
    sax->schema->end (sax->parser, frame.kind, text);
  else if (frame.kind != GR_XML_SKIPPED)
    end_envelope (sax, frame.kind, text);
  if (frame.text)
    g_string_truncate (sax->text, frame.text_start);
}

static const xmlSAXHandler handler = {
  .initialized = XML_SAX2_MAGIC,
  .startElementNs = on_start,
  .endElementNs = on_end,
  .characters = on_text,
  .ignorableWhitespace = on_text,
  .cdataBlock = on_text,
};

static const char *
section_name (const GrXmlSchema *schema)
{
  for (guint i = 0; i < schema->n_rules; i++)
    if (schema->rules[i].kind == schema->section)
      return schema->rules[i].name;
  return "data";
}

/* The parser's own refusals first: the parse stopped there, so what
 * libxml2 says after is only a consequence. */
static gboolean
check_result (GrXmlSax *sax, GrXmlGuard *guard, GError **error)
{
  if (sax->error != NULL && !guard->doctype)
    {
      g_propagate_error (error, g_steal_pointer (&sax->error));
      return FALSE;
    }
  if (!gr_xml_guard_check (guard, sax->ctxt, error))
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

static gboolean
run (GrXmlSax *sax, GrXmlGuard *guard, GError **error)
{
  GrXmlFrame document = { GR_XML_DOCUMENT };

  push (sax, &document);
  sax->text = g_string_sized_new (256);
  guard->user_data = sax;
  xmlParseDocument (sax->ctxt);
  return check_result (sax, guard, error);
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
  GrXmlSax sax = { schema, parser };
  GrXmlGuard guard;
  gboolean ok = FALSE;

  prepare (schema);
  sax.ctxt = gr_xml_guard_open (&guard, data, len, &handler, error);
  if (sax.ctxt != NULL)
    {
      ok = run (&sax, &guard, error);
      xmlFreeParserCtxt (sax.ctxt);
      g_free (sax.frames);
      g_string_free (sax.text, TRUE);
    }
  g_clear_error (&sax.error);
  gr_xml_guard_clear (&guard);
  give_envelope (&sax, ok, envelope);
  return ok;
}

void
gr_xml_sax_set (char **field, const char *text)
{
  g_free (*field);
  *field = g_strdup (text);
}
