"""APIG error responses: ``{"error_code": ..., "error_msg": ...}`` with the A.4 status."""

# HTTP status of every code the emulator emits (A.4 table; APIG.0101 is the
# gateway's own "no such API" answer, which A.4 does not list).
STATUS = {
    "APIG.0101": 404,
    "APIG.1000": 401,
    "APIG.1001": 401,
    "APIG.1002": 401,
    "APIG.1103": 403,
    "APIG.2000": 400,
    "APIG.2001": 400,
    "APIG.2002": 400,
    "APIG.2003": 400,
    "APIG.2011": 400,
    "APIG.2012": 400,
    "APIG.2026": 400,
    "APIG.2027": 400,
    "APIG.2028": 400,
    "APIG.3001": 404,
    "APIG.3002": 404,
    "APIG.3003": 404,
    "APIG.3011": 404,
    "APIG.3015": 404,
    "APIG.3022": 404,
    "APIG.3023": 404,
    "APIG.3030": 404,
    "APIG.3081": 404,
    "APIG.3201": 400,
    "APIG.3202": 400,
    "APIG.3205": 400,
    "APIG.3209": 400,
    "APIG.3210": 400,
    "APIG.3301": 400,
    "APIG.3303": 400,
    "APIG.3415": 403,
    "APIG.3416": 403,
    "APIG.3418": 403,
    # traffic control and access (throttles, signs, acls, authorizers)
    "APIG.3004": 404,
    "APIG.3005": 404,
    "APIG.3006": 404,
    "APIG.3013": 404,
    "APIG.3017": 404,
    "APIG.3204": 400,
    "APIG.3206": 400,
    "APIG.3207": 400,
    "APIG.3211": 400,
    "APIG.3212": 400,
    "APIG.3308": 400,
    "APIG.3447": 403,
    "APIG.3451": 403,
    # VPC channels and OpenAPI import
    "APIG.2004": 400,
    "APIG.3024": 404,
    "APIG.3109": 403,
    "APIG.3110": 403,
    "APIG.3208": 400,
    "APIG.3414": 403,
    # domains, certificates and gateway responses
    "APIG.2024": 400,
    "APIG.2101": 400,
    "APIG.2102": 400,
    "APIG.2103": 400,
    "APIG.2104": 400,
    "APIG.2105": 400,
    "APIG.2106": 400,
    "APIG.3007": 404,
    "APIG.3020": 404,
    "APIG.3021": 404,
    "APIG.3108": 403,
    "APIG.3136": 403,
    "APIG.3148": 400,
    "APIG.3216": 400,
    "APIG.3305": 400,
    "APIG.3474": 403,
    "APIG.3491": 409,
    "APIG.3492": 409,
    # consumers (apps and app codes)
    "APIG.3082": 404,
    "APIG.3103": 403,
    "APIG.3131": 403,
    "APIG.3203": 400,
    "APIG.3310": 400,
    # bindings and app authorizations
    "APIG.3009": 404,
    "APIG.3010": 404,
    "APIG.3012": 404,
    "APIG.3018": 404,
    "APIG.3316": 400,
    "APIG.9999": 500,
    "APIC.7130": 403,
    "APIC.7302": 404,
}

_PARAM_SUFFIX = ",parameterName:{}. Please refer to the support documentation"


class ApiError(Exception):
    """Raised anywhere in a request; rendered by the app's error handler."""

    def __init__(self, code, msg, status=None):
        super().__init__(msg)
        self.code = code
        self.msg = msg
        self.status = status or STATUS[code]

    def body(self):
        return {"error_code": self.code, "error_msg": self.msg}


def param_error(code, text, name):
    """The reference's parameter message style, e.g.
    ``Invalid parameter value,parameterName:name. Please refer to the support documentation``."""
    return ApiError(code, text + _PARAM_SUFFIX.format(name))


def missing(name):
    return param_error("APIG.2001", "The request parameters must be specified", name)


def invalid(name, code):
    return param_error(code, "Invalid parameter value", name)


def serialization(detail):
    return ApiError("APIG.2000", "Parameter error: Serialization error: " + detail)
