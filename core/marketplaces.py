"""Amazon marketplaces: names, ids, relay domains and feedback date styles."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Marketplace:
    code: str  # "US"
    name: str  # the orders report's sales-channel, "Amazon.com"
    marketplace_id: str  # "ATVPDKIKX0DER"
    domain: str  # "amazon.com" (relay addresses are @marketplace.<domain>)
    date_style: str  # feedback dates: "MDY", "DMY" or "YMD"


MARKETPLACES: tuple[Marketplace, ...] = (
    Marketplace("US", "Amazon.com", "ATVPDKIKX0DER", "amazon.com", "MDY"),
    Marketplace("CA", "Amazon.ca", "A2EUQ1WTGCTBG2", "amazon.ca", "MDY"),
    Marketplace("MX", "Amazon.com.mx", "A1AM78C64UM0Y8", "amazon.com.mx", "DMY"),
    Marketplace("BR", "Amazon.com.br", "A2Q3Y263D00KWC", "amazon.com.br", "DMY"),
    Marketplace("UK", "Amazon.co.uk", "A1F83G8C2ARO7P", "amazon.co.uk", "DMY"),
    Marketplace("DE", "Amazon.de", "A1PA6795UKMFR9", "amazon.de", "DMY"),
    Marketplace("FR", "Amazon.fr", "A13V1IB3VIYZZH", "amazon.fr", "DMY"),
    Marketplace("IT", "Amazon.it", "APJ6JRA9NG5V4", "amazon.it", "DMY"),
    Marketplace("ES", "Amazon.es", "A1RKKUPIHCS9HS", "amazon.es", "DMY"),
    Marketplace("NL", "Amazon.nl", "A1805IZSGTT6HS", "amazon.nl", "DMY"),
    Marketplace("SE", "Amazon.se", "A2NODRKZP88ZB9", "amazon.se", "YMD"),
    Marketplace("PL", "Amazon.pl", "A1C3SOZRARQ6R3", "amazon.pl", "DMY"),
    Marketplace("JP", "Amazon.co.jp", "A1VC38T7YXB528", "amazon.co.jp", "YMD"),
    Marketplace("AU", "Amazon.com.au", "A39IBJ37TRP1C6", "amazon.com.au", "DMY"),
    Marketplace("IN", "Amazon.in", "A21TJRUUN4KGV", "amazon.in", "DMY"),
)

_BY_KEY: dict[str, Marketplace] = {}
for _m in MARKETPLACES:
    for _k in (_m.code, _m.name, _m.marketplace_id, _m.domain):
        _BY_KEY[_k.lower()] = _m
_BY_KEY["gb"] = _BY_KEY["uk"]


def find_marketplace(key: str) -> Marketplace | None:
    """Look a marketplace up by code, sales-channel name, id or domain."""
    return _BY_KEY.get(key.strip().lower())


RELAY_PREFIXES = ("marketplace.", "m.marketplace.")
"""Buyer relay domains: `marketplace.amazon.<tld>`, and the `m.` sub-domain some send from."""


def relay_domain(address: str) -> str | None:
    """`amazon.co.jp` for `alias@m.marketplace.amazon.co.jp`; None when not a buyer relay."""
    _, at, domain = address.strip().lower().rpartition("@")
    if not at:
        return None
    for prefix in RELAY_PREFIXES:
        rest = domain.removeprefix(prefix)
        if rest != domain and rest.startswith("amazon."):
            return rest
    return None


def is_relay_address(address: str) -> bool:
    """An Amazon buyer relay address (`marketplace.amazon.*` or `m.marketplace.amazon.*`)."""
    return relay_domain(address) is not None


def from_relay_address(address: str) -> Marketplace | None:
    """`alias@marketplace.amazon.co.uk` (or `@m.marketplace...`) -> UK; None otherwise."""
    domain = relay_domain(address)
    return None if domain is None else _BY_KEY.get(domain)


def marketplace_name(key: str) -> str:
    """The canonical sales-channel name for any key, or the key itself."""
    m = find_marketplace(key)
    return m.name if m else key
