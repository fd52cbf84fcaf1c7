"""The four audiences the consultant writes for. Their goals, tone, length and structure live in
the prompt templates (`prompts/<language>/<persona>.j2`) and the offline narratives."""

from __future__ import annotations

import difflib
import unicodedata
from enum import StrEnum

from consultant.errors import UnknownPersonaError

# What people type, in English and Portuguese, for each persona id.
_ALIASES = {
    "exec": "executive", "executives": "executive", "ceo": "executive", "cfo": "executive",
    "executivo": "executive", "executiva": "executive", "diretoria": "executive", "board": "executive",
    "cio": "cto", "architect": "cto", "architecture": "cto", "arquiteto": "cto", "arquitetura": "cto",
    "sre": "devops", "ops": "devops", "engineer": "devops", "engineering": "devops", "platform": "devops",
    "engenharia": "devops", "engenheiro": "devops", "operacoes": "devops", "dev-ops": "devops",
    "finops": "analyst", "finance": "analyst", "financeiro": "analyst", "analista": "analyst",
    "finops-analyst": "analyst", "analista-finops": "analyst", "devops-sre": "devops", "sre-devops": "devops",
}


class Persona(StrEnum):
    EXECUTIVE = "executive"
    CTO = "cto"
    DEVOPS = "devops"
    ANALYST = "analyst"

    @classmethod
    def parse(cls, text: str) -> Persona:
        folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
        key = "-".join(folded.strip().lower().replace("_", " ").replace("/", " ").split())
        key = _ALIASES.get(key, key)
        try:
            return cls(key)
        except ValueError:
            valid = [p.value for p in cls]
            close = difflib.get_close_matches(key, [*valid, *_ALIASES], n=1, cutoff=0.7)
            hint = f" Did you mean `{_ALIASES.get(close[0], close[0])}`?" if close else ""
            raise UnknownPersonaError(
                f"`{text}` is not a persona.{hint} Valid: executive, cto, devops (alias sre), analyst (alias finops)."
            ) from None
