// Hands bytes the extension fetched (with its bearer token) to the browser as a file download.
// The bytes arrive as a Uint8Array; nothing here talks to the API.

export function saveFile(fileName, mediaType, bytes) {
  const url = URL.createObjectURL(new Blob([bytes], { type: mediaType || 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
