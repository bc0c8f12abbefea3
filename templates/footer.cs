</main>
<footer class="foot"><?cs var:Site.name ?> · <?cs var:Lang.Footer.tagline ?></footer>
</body>
</html>
