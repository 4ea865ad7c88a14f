/// Both executables see the exit-code table and the error shape through this module.
@_exported import OGPCore
