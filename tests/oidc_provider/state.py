"""How the provider behaves now, set by the tests through /control/mode/: "normal", "wrong-key"
(the id_token signed with a key it never published) or "altered" (a claim changed after signing)."""

MODE = "normal"
