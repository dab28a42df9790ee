// Its own module so that the routes (resources.mjs) and the server (server.mjs) both use it
// without importing each other.

/** A route's answer that is a file rather than JSON (GET /Attachment/{id}). */
export class FileAnswer {
	constructor(bytes, headers, { chunked = false, breaksOff = false } = {}) {
		this.bytes = bytes;
		this.headers = headers;
		this.chunked = chunked;
		this.breaksOff = breaksOff;
	}

	send(res, status) {
		if (this.chunked) {
			res.writeHead(status, this.headers);
			// Several writes without a length: Node sends them chunked.
			for (let start = 0; start < this.bytes.length; start += 64 * 1024)
				res.write(this.bytes.subarray(start, start + 64 * 1024));
			return res.end();
		}
		res.writeHead(status, { ...this.headers, 'content-length': String(this.bytes.length) });
		if (!this.breaksOff) return res.end(this.bytes);
		res.write(this.bytes.subarray(0, Math.floor(this.bytes.length / 2)));
		setTimeout(() => res.socket?.destroy(), 50);
	}
}
