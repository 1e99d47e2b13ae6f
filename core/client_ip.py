"""The address a request came from, as seen through the reverse proxies we run behind.

django-axes locks a user name *at an address* (AXES_CLIENT_IP_CALLABLE). Behind nginx every
request arrives from the proxy, so REMOTE_ADDR alone would make one address of everybody and
let anyone lock the shared tablet's login. Each of our PROXY_COUNT proxies appends the address
it was reached from to X-Forwarded-For, so the client is the PROXY_COUNT-th entry from the
right; anything to its left was sent by the client and is not believed.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    count = int(getattr(settings, "PROXY_COUNT", 0))
    if count <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < count:
        # Not through all our proxies (a direct request, or a misconfigured proxy).
        return remote
    candidate = hops[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
