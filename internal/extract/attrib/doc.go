// Package attrib owns attribution in war reporting: who said a figure (the
// source of a claim) and who did it (the actor). It finds speaker phrases
// around reporting cues ("according to X", "X said", "..., said X", "X told
// Reuters", "citing X", "X quoted by Y", "X put the death toll at"), normalises a phrase to a canonical
// source with a type, and finds and normalises the armed actors a sentence
// names. It knows nothing about counts or claims; the extractor joins its
// answers to the figures other packages find.
//
// # Lexicons
//
// Names live in data files a linguist can extend without reading Go:
// aliases.tsv (sources: alias, canonical name, type, flags), actors.tsv
// (actors: names, side adjectives, means words) and words.txt (extra words
// allowed inside a speaker phrase). Each file documents its format at the
// top. Matching ignores case, a leading "the", full stops and hyphens
// ("U.S.-led" = "US led"), possessives with or without the apostrophe
// ("Syria's" = "Syrias" = "Syrian") and a plural -s. After editing them
// (or the word lists in the code), run go generate ./internal/extract/attrib:
// lexicon_gen.go keeps the lexicon ready-made so that no process has to
// parse the files; until it is regenerated they are parsed at start, which
// is slower but gives the same answers, and the tests say it is due.
//
// # Source types
//
// State news agencies and state television are media (SANA, "state TV"):
// they relay what officials say, and the official, when named, is the
// speaker. Official bodies are government: ministries other than defence,
// presidents, governors, officials, police, capitals standing for their
// government ("Damascus said"), and political bodies including the
// opposition's National Coalition and Kurdish administrations. Defence
// ministries, armies, military sources, the US-led coalition and armed
// groups speaking for themselves (the Islamic State, rebels, the SDF) are
// military. The Syrian Observatory for Human Rights, the Violations
// Documentation Center, the Syrian Network for Human Rights and Airwars are
// monitors; "a monitor" and "a Britain-based monitoring group" are taken to
// be the Observatory, as the wires use them. The UN system and the OPCW are
// un; aid and rights organisations and the White Helmets are ngo; residents,
// activists, medics, witnesses, local councils and local sources are local.
// Anything else is unknown, including unnamed "sources" and people we have
// no entry for (their name is kept as written).
//
// # Spans and carry-overs
//
// A speaker span is the noun phrase as written, determiner included ("the
// Russian Defense Ministry"); the canonical name drops it. The phrase is at
// most about twelve words and never crosses sentence punctuation or a
// quotation mark. Pronouns and anaphoric phrases ("he said", "the statement
// reads", "the group added", "its spokesman said") are returned as
// carry-overs: Source.Name is "" and IsCarryOver reports true, so that the
// caller carries the previous speaker over; Source.Type may hint at the kind
// of speaker ("the ministry" → government) when there is none.
//
// All functions are safe for concurrent use, never panic, and run in time
// linear in the length of their input.
package attrib
