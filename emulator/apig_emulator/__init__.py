"""A local emulator of the Huawei Cloud API Gateway (dedicated edition) V2 API."""
__version__ = "0.1.0"
