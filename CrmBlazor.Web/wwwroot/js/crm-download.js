// Saves a file the server streams (DotNetStreamReference) under the given name.
window.crmDownload = async (fileName, contentType, streamRef) => {
    const blob = new Blob([await streamRef.arrayBuffer()], { type: contentType });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    URL.revokeObjectURL(url);
};
