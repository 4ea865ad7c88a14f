import OGPModel

/// The validators of a URL (ETag, Last-Modified, body hash): ``OGPModel/HTTPValidators``, which
/// the store keeps between runs.
public typealias Validators = HTTPValidators
