// The review queue: the newest claims no one has decided on, one at a
// time in focus. Keys: a accept, r reject, e edit (correct), u undo the
// last decision, j/↓ next, k/↑ previous. Every decision goes to the
// API's audit log under the token's name; undo is a "reopen" decision,
// which puts the claim back in the queue as extracted.
import { h, api, query, link, token, tokenForm, kinds, victimsAll, causes, words, countText, fieldList, errorBox, APIError } from "./lib.js";

const qualifiers = ["exact", "at_least", "at_most", "about", "range", "vague"];

export async function reviewPage(main, _args, params, stale) {
  const status = h("p", { class: "status-line", role: "status", "aria-live": "assertive" });
  const list = h("ol", { class: "queue", "aria-label": "Claims to review" });
  main.append(h("h1", {}, "Review queue"), tokenForm(() => { status.textContent = ""; }),
    h("p", { class: "keys" }, "Keys: ", kbd("a"), " accept · ", kbd("r"), " reject · ", kbd("e"), " edit · ",
      kbd("u"), " undo · ", kbd("j"), "/", kbd("↓"), " next · ", kbd("k"), "/", kbd("↑"), " previous"),
    status, list);

  let items = [];
  try {
    const page = await api("/claims" + query({ unreviewed: "true", limit: 50 }));
    items = page.items;
    const doc = params.get("doc");
    const cid = params.get("claim");
    if (doc && cid) {
      // A claim asked for from its article comes first, reviewed or not.
      const one = await api(`/claims/${encodeURIComponent(doc)}/${encodeURIComponent(cid)}`);
      items = [one, ...items.filter((c) => c.ref !== one.ref)];
    }
  } catch (err) {
    list.replaceWith(errorBox(err));
    return;
  }
  if (stale()) return;
  if (items.length === 0) {
    list.replaceWith(h("p", { class: "note" }, "Nothing to review: every claim has a decision."));
    return;
  }
  const rows = items.map((c, i) => row(c, i));
  list.append(...rows.map((r) => r.el));
  let current = 0;
  const undo = []; // the claims decided on, latest last
  const focus = (i) => {
    current = Math.max(0, Math.min(rows.length - 1, i));
    rows[current].el.focus();
  };

  async function decide(i, decision, extra = {}) {
    const r = rows[i];
    if (!token()) {
      status.textContent = "Set a token first: writes need one.";
      document.getElementById("token").focus();
      return false;
    }
    try {
      const out = await api(`/claims/${r.claim.document.id}/${r.claim.id}/reviews`, { method: "POST", body: { decision, ...extra } });
      r.claim = out.claim;
      r.setDecision(out.review);
      if (decision === "reopen") {
        status.textContent = `Undone: ${r.claim.ref} is back in the queue.`;
      } else {
        undo.push(i);
        status.textContent = `${r.claim.ref}: ${words(decision)}ed as ${out.review.reviewer}. Press u to undo.`;
      }
      return true;
    } catch (err) {
      status.textContent = err instanceof APIError ? `Not saved: ${err.message}` : `Not saved: ${err}`;
      return false;
    }
  }

  function row(c, i) {
    const decision = h("span", { class: "decision" });
    const editSlot = h("div", {});
    const el = h("li", { tabindex: "0", class: "claim card", dataset: { kind: c.kind }, "aria-label": `Claim ${c.ref}` },
      h("h2", {}, link(`/documents/${c.document.id}#${c.id}`, c.ref), " ", h("span", { class: "kind" }, words(c.kind)), " ",
        countText(c), " ", decision),
      h("blockquote", {}, c.quote.text),
      h("p", { class: "note" }, c.document.title || "", c.document.published ? ` · ${c.document.published}` : ""),
      fieldList(c),
      h("div", { class: "actions" },
        h("button", { type: "button", onclick: () => act(i, "a") }, "Accept"),
        h("button", { type: "button", onclick: () => act(i, "r") }, "Reject"),
        h("button", { type: "button", onclick: () => act(i, "e") }, "Edit"),
        h("button", { type: "button", onclick: () => act(i, "u") }, "Undo last")),
      editSlot);
    el.addEventListener("focus", () => { current = i; });
    const r = {
      el, editSlot, claim: c,
      setDecision(rev) {
        decision.textContent = rev.decision === "reopen" ? "" : words(rev.decision);
        el.dataset.decision = rev.decision;
        el.querySelector("dl").replaceWith(fieldList(r.claim));
      },
    };
    if (c.review && c.review.decision !== "reopen") r.setDecision(c.review);
    return r;
  }

  async function act(i, key) {
    switch (key) {
      case "a":
        if (await decide(i, "accept")) focus(i + 1);
        break;
      case "r":
        askReason(i);
        break;
      case "e":
        editForm(i);
        break;
      case "u": {
        const last = undo.pop();
        if (last === undefined) {
          status.textContent = "Nothing to undo.";
          break;
        }
        if (await decide(last, "reopen")) focus(last);
        else undo.push(last);
        break;
      }
    }
  }

  function askReason(i) {
    const r = rows[i];
    const input = h("input", { id: "reason-" + i, type: "text", required: true, autocomplete: "off" });
    r.editSlot.replaceChildren(h("form", {
      class: "inline", onsubmit: async (ev) => {
        ev.preventDefault();
        if (await decide(i, "reject", { reason: input.value.trim() })) {
          r.editSlot.replaceChildren();
          focus(i + 1);
        }
      },
    }, h("label", { for: "reason-" + i }, "Why reject it?"), " ", input, " ", h("button", { type: "submit" }, "Reject"),
    " ", h("button", { type: "button", onclick: () => { r.editSlot.replaceChildren(); focus(i); } }, "Cancel")));
    input.focus();
  }

  function editForm(i) {
    const r = rows[i];
    const c = r.claim;
    const id = (n) => `edit-${i}-${n}`;
    const sel = (n, label, values, cur) => h("div", {}, h("label", { for: id(n) }, label),
      h("select", { id: id(n), name: n }, h("option", { value: "" }, "—"), values.map((v) => h("option", { value: v, selected: v === cur }, words(v)))));
    const num = (n, label, cur) => h("div", {}, h("label", { for: id(n) }, label),
      h("input", { id: id(n), name: n, type: "number", min: "0", step: "1", value: cur === null || cur === undefined ? "" : String(cur) }));
    const count = c.count || {};
    const form = h("form", {
      class: "edit", onsubmit: async (ev) => {
        ev.preventDefault();
        const fd = new FormData(form);
        const fields = {};
        if (fd.get("kind") && fd.get("kind") !== c.kind) fields.kind = fd.get("kind");
        if (c.count) {
          const v = fd.get("value") === "" ? null : Number(fd.get("value"));
          const lo = fd.get("low") === "" ? 0 : Number(fd.get("low"));
          const hi = fd.get("high") === "" ? null : Number(fd.get("high"));
          const q = fd.get("qualifier") || count.qualifier;
          if (v !== count.value || lo !== count.low || hi !== count.high || q !== count.qualifier) {
            fields.count = { value: v, low: lo, high: hi, qualifier: q, text: count.text };
          }
        }
        if ((fd.get("victims") || null) !== (c.victims || null)) fields.victims = fd.get("victims") || null;
        if ((fd.get("cause") || null) !== (c.cause || null)) fields.cause = fd.get("cause") || null;
        const reason = String(fd.get("reason") || "").trim();
        if (Object.keys(fields).length === 0) {
          status.textContent = "Nothing changed: accept the claim instead, or change a field.";
          return;
        }
        if (await decide(i, "correct", { fields, reason })) {
          r.editSlot.replaceChildren();
          focus(i + 1);
        }
      },
    },
    h("fieldset", {}, h("legend", {}, `Correct ${c.ref}`),
      sel("kind", "Kind", kinds, c.kind),
      c.count ? [num("value", "Figure", count.value), num("low", "Low", count.low), num("high", "High (empty: open)", count.high),
        sel("qualifier", "Qualifier", qualifiers, count.qualifier)] : "",
      sel("victims", "Victims", victimsAll, c.victims), sel("cause", "Cause", causes, c.cause),
      h("div", { class: "wide" }, h("label", { for: id("reason") }, "Why (required)"),
        h("input", { id: id("reason"), name: "reason", type: "text", required: true, autocomplete: "off" })),
      h("div", {}, h("button", { type: "submit" }, "Save correction"), " ",
        h("button", { type: "button", onclick: () => { r.editSlot.replaceChildren(); focus(i); } }, "Cancel"))));
    r.editSlot.replaceChildren(form);
    form.querySelector("select, input").focus();
  }

  const onKey = (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const t = ev.target;
    if (t.closest && t.closest("input, select, textarea, form.edit, form.inline, form.token")) {
      if (ev.key === "Escape") {
        rows[current].editSlot.replaceChildren();
        focus(current);
      }
      return;
    }
    const key = { ArrowDown: "j", ArrowUp: "k" }[ev.key] || ev.key;
    switch (key) {
      case "j": focus(current + 1); break;
      case "k": focus(current - 1); break;
      case "a": case "r": case "e": case "u": act(current, key); break;
      default: return;
    }
    ev.preventDefault();
  };
  document.addEventListener("keydown", onKey);
  focus(0);
  return () => document.removeEventListener("keydown", onKey);
}

function kbd(k) {
  return h("kbd", {}, k);
}
